import { Alert, Anchor, Badge, Button, Card, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../app/components/error-state';
import { PageHeader } from '../../app/components/page-header';
import { type Article, getConsultation, takeStance } from './api';
import { CommentForm, CommentList, type Quote } from './comments';
import { ActionError, Deadline, VerificationNote } from './shared';
import './i18n';

/** The selected text, if it lies inside `el`'s single text node: offsets are those of the article's text. */
function selectionIn(el: HTMLElement | null): Quote | null {
  const sel = window.getSelection();
  if (!el || !sel || sel.rangeCount === 0 || sel.isCollapsed) return null;
  const r = sel.getRangeAt(0);
  if (!el.contains(r.startContainer) || !el.contains(r.endContainer)) return null;
  const pre = document.createRange();
  pre.selectNodeContents(el);
  pre.setEnd(r.startContainer, r.startOffset);
  const start = pre.toString().length;
  const text = r.toString();
  if (!text.trim()) return null;
  return { text, start, end: start + text.length };
}

function ArticleBlock({ a, consultationId, open }: { a: Article; consultationId: string; open: boolean }) {
  const { t } = useTranslation();
  const bodyRef = useRef<HTMLDivElement>(null);
  const [showComments, setShowComments] = useState(false);
  const [writing, setWriting] = useState(false);
  const [quote, setQuote] = useState<Quote | null>(null);
  const [noSelection, setNoSelection] = useState(false);
  const headingId = `article-${a.id}`;
  return (
    <Card component="article" withBorder radius="lg" padding="lg" aria-labelledby={headingId}>
      <Title order={2} size="h4" id={headingId}>
        {a.label}
        {a.title ? `: ${a.title}` : ''}
      </Title>
      <div ref={bodyRef} style={{ whiteSpace: 'pre-wrap', marginTop: 8, lineHeight: 1.6 }} data-testid="article-body">
        {a.body}
      </div>
      <Group gap="xs" mt="sm">
        <Button variant="light" size="sm" onClick={() => setShowComments(!showComments)} aria-expanded={showComments}>
          {t('participation.commentsOf', { count: a.commentCount })}
        </Button>
        {open && (
          <>
            <Button
              size="sm"
              onClick={() => {
                setQuote(null);
                setWriting(true);
                setNoSelection(false);
              }}
            >
              {t('participation.commentArticle')}
            </Button>
            <Button
              size="sm"
              variant="outline"
              // keep the selection: a mouse press on the button would otherwise clear it first
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => {
                const q = selectionIn(bodyRef.current);
                setNoSelection(!q);
                if (q) {
                  setQuote(q);
                  setWriting(true);
                }
              }}
            >
              {t('participation.commentPassage')}
            </Button>
          </>
        )}
      </Group>
      {noSelection && (
        <Text size="sm" role="status" mt="xs">
          {t('participation.selectFirst')}
        </Text>
      )}
      {writing && (
        <Card withBorder mt="sm" padding="sm">
          <CommentForm
            consultationId={consultationId}
            articleId={a.id}
            quote={quote}
            onDone={() => {
              setWriting(false);
              setQuote(null);
              setShowComments(true);
            }}
            onCancel={() => setWriting(false)}
          />
        </Card>
      )}
      {showComments && (
        <div style={{ marginTop: 12 }}>
          <CommentList consultationId={consultationId} articleId={a.id} open={open} />
        </div>
      )}
    </Card>
  );
}

/** A consultation on a draft: article by article, comments on articles and passages, support or oppose. */
export function ConsultationPage() {
  const { t } = useTranslation();
  const { id } = useParams({ strict: false }) as { id: string };
  const qc = useQueryClient();
  const key = ['participation', 'consultation', id];
  const c = useQuery({ queryKey: key, queryFn: () => getConsultation(id) });
  const stance = useMutation({
    mutationFn: (s: 'support' | 'oppose') => takeStance(id, s),
    onSuccess: (data) => qc.setQueryData(key, { ...c.data, ...data }),
  });
  if (c.isPending) return <Loader aria-label={t('app.loading')} />;
  if (c.error || !c.data) return <ErrorState error={c.error} onRetry={() => void c.refetch()} />;
  const d = c.data;
  const open = d.status === 'open' && new Date(d.closesAt).getTime() > Date.now();
  return (
    <Stack gap="lg">
      <PageHeader title={d.title} intro={d.summary} />
      <Card withBorder radius="lg" padding="lg">
        <Group justify="space-between">
          <Badge variant="filled" color={open ? '#1b6b2f' : 'gray.8'}>
            {t(`participation.status.${open ? 'open' : d.status === 'open' ? 'closed' : d.status}`)}
          </Badge>
          <Deadline closesAt={d.closesAt} closed={!open} />
        </Group>
        <VerificationNote level={d.verification} />
        <Group mt="sm" gap="xs">
          <Button
            variant="light"
            color="#1b6b2f"
            c="#1b6b2f"
            disabled={!open}
            onClick={() => stance.mutate('support')}
            aria-label={t('participation.supportCount', { count: d.supportCount })}
          >
            {t('participation.support')} · {d.supportCount}
          </Button>
          <Button
            variant="light"
            color="red.9"
            c="red.9"
            disabled={!open}
            onClick={() => stance.mutate('oppose')}
            aria-label={t('participation.opposeCount', { count: d.opposeCount })}
          >
            {t('participation.oppose')} · {d.opposeCount}
          </Button>
        </Group>
        {stance.isSuccess && (
          <Text size="sm" role="status" mt="xs">
            {t('participation.stanceSaved')}
          </Text>
        )}
        <ActionError error={stance.error} />
        {d.status === 'reported' && (
          <Alert variant="light" mt="sm" title={t('participation.reportReady')}>
            <Anchor underline="always" component={Link} to={`/participation/consultations/${id}/report`}>
              {t('participation.readReport')}
            </Anchor>
          </Alert>
        )}
      </Card>
      {d.preamble && (
        <Text style={{ whiteSpace: 'pre-wrap' }} data-testid="preamble">
          {d.preamble}
        </Text>
      )}
      {open && (
        <Text size="sm" c="dimmed">
          {t('participation.passageHelp')}
        </Text>
      )}
      {d.articles.map((a) => (
        <ArticleBlock key={a.id} a={a} consultationId={id} open={open} />
      ))}
    </Stack>
  );
}
