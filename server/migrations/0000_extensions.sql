-- Extensions and text search used by every module; available on PostgreSQL and on PGlite.
CREATE EXTENSION IF NOT EXISTS unaccent;
--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
-- unaccent() is STABLE; index expressions need an IMMUTABLE wrapper with a fixed dictionary.
CREATE OR REPLACE FUNCTION f_unaccent(text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$;
--> statement-breakpoint
-- Greek full text, tolerant of accents: unaccent first, then the Snowball Greek stemmer.
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'greek_unaccent') THEN
    CREATE TEXT SEARCH CONFIGURATION greek_unaccent (COPY = pg_catalog.greek);
    ALTER TEXT SEARCH CONFIGURATION greek_unaccent
      ALTER MAPPING FOR hword, hword_part, word WITH unaccent, greek_stem;
  END IF;
END $$;
