import { marked, type Token, type Tokens } from 'marked';

export type TImportedArticle = { label: string; title: string; body: string };
export type TImportedDraft = { preamble: string; articles: TImportedArticle[] };

const ARTICLE_HEADING = /^(Άρθρο|ΑΡΘΡΟ|Article)\s+(\d+[α-ωa-z]?)\s*[:.\-–—]?\s*(.*)$/u;

/**
 * Splits a draft into articles with marked's lexer (headings are tokens, so code blocks, lists
 * and tables inside an article stay whole). When any heading reads «Άρθρο N», articles start at
 * those headings, whatever their level; otherwise every level-2 heading (`## …`) starts one.
 * Plain "structured text" has no `#`: a line that is only «Άρθρο N …» becomes a heading first.
 * An article's body is its Markdown source, so passage offsets point into what citizens see.
 */
export function importDraft(source: string, format: 'markdown' | 'text'): TImportedDraft {
  const text = format === 'text' ? promoteArticleLines(source) : source;
  const tokens = marked.lexer(text.replace(/\r\n?/g, '\n'));
  const headings = tokens.filter((t): t is Tokens.Heading => t.type === 'heading');
  const byArticle = headings.some((h) => ARTICLE_HEADING.test(h.text.trim()));
  const starts = (t: Token): t is Tokens.Heading =>
    t.type === 'heading' && (byArticle ? ARTICLE_HEADING.test((t as Tokens.Heading).text.trim()) : (t as Tokens.Heading).depth === 2);

  const articles: TImportedArticle[] = [];
  let preamble = '';
  let current: { label: string; title: string; raw: string[] } | null = null;
  for (const token of tokens) {
    if (starts(token)) {
      if (current) articles.push(finish(current));
      const heading = token.text.trim();
      const m = heading.match(ARTICLE_HEADING);
      current = m
        ? { label: `${m[1]} ${m[2]}`, title: (m[3] ?? '').trim() || `${m[1]} ${m[2]}`, raw: [] }
        : { label: '', title: heading, raw: [] };
      continue;
    }
    if (current) current.raw.push(token.raw);
    else preamble += token.raw;
  }
  if (current) articles.push(finish(current));
  return { preamble: preamble.trim(), articles };
}

function finish(a: { label: string; title: string; raw: string[] }): TImportedArticle {
  return { label: a.label, title: a.title, body: a.raw.join('').trim() };
}

function promoteArticleLines(source: string) {
  return source
    .split(/\r\n?|\n/)
    .map((line) => (ARTICLE_HEADING.test(line.trim()) && line.trim().length < 200 ? `## ${line.trim()}` : line))
    .join('\n');
}
