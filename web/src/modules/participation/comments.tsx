import { Anchor, Badge, Blockquote, Button, Card, Group, Loader, NativeSelect, Stack, Text, Textarea } from '@mantine/core';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../app/i18n/format';
import { addComment, type Comment, listComments, voteComment } from './api';
import { ActionError, ReportAbuse } from './shared';

export interface Quote {
  text: string;
  start: number;
  end: number;
}

/** New comment (or reply, or comment on a passage). */
export function CommentForm({
  consultationId,
  articleId,
  parentId,
  quote,
  onDone,
  onCancel,
}: {
  consultationId: string;
  articleId?: string;
  parentId?: string;
  quote?: Quote | null;
  onDone: () => void;
  onCancel?: () => void;
}) {
  const { t } = useTranslation();
  const [body, setBody] = useState('');
  const qc = useQueryClient();
  const send = useMutation({
    mutationFn: () =>
      addComment(consultationId, {
        articleId: parentId ? undefined : articleId,
        parentId,
        body: body.trim(),
        ...(quote ? { quote: quote.text, quoteStart: quote.start, quoteEnd: quote.end } : {}),
      }),
    onSuccess: () => {
      setBody('');
      void qc.invalidateQueries({ queryKey: ['participation', 'comments', consultationId] });
      void qc.invalidateQueries({ queryKey: ['participation', 'consultation', consultationId] });
      onDone();
    },
  });
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (body.trim().length >= 2) send.mutate();
      }}
    >
      <Stack gap="xs">
        {quote && (
          <Blockquote p="xs" color="aegean.7" cite={t('participation.onPassage')}>
            {quote.text}
          </Blockquote>
        )}
        <Textarea
          label={parentId ? t('participation.yourReply') : t('participation.yourComment')}
          value={body}
          onChange={(e) => setBody(e.currentTarget.value)}
          required
          minLength={2}
          maxLength={5000}
          autosize
          minRows={3}
        />
        <ActionError error={send.error} />
        <Group gap="xs">
          <Button type="submit" loading={send.isPending}>
            {parentId ? t('participation.sendReply') : t('participation.sendComment')}
          </Button>
          {onCancel && (
            <Button variant="subtle" onClick={onCancel}>
              {t('participation.cancel')}
            </Button>
          )}
        </Group>
      </Stack>
    </form>
  );
}

function Votes({ c }: { c: Comment }) {
  const { t } = useTranslation();
  const [current, setCurrent] = useState<Comment>(c);
  const vote = useMutation({ mutationFn: (v: 1 | -1) => voteComment(c.id, v), onSuccess: setCurrent });
  return (
    <Stack gap={2}>
      <Group gap={4}>
        <Button
          size="compact-sm"
          variant="light"
          onClick={() => vote.mutate(1)}
          aria-label={t('participation.agreeCount', { count: current.upCount })}
        >
          👍 {current.upCount}
        </Button>
        <Button
          size="compact-sm"
          variant="light"
          color="gray.8"
          c="gray.8"
          onClick={() => vote.mutate(-1)}
          aria-label={t('participation.disagreeCount', { count: current.downCount })}
        >
          👎 {current.downCount}
        </Button>
      </Group>
      <ActionError error={vote.error} />
    </Stack>
  );
}

function CommentItem({ c, consultationId, open }: { c: Comment; consultationId: string; open: boolean }) {
  const { t } = useTranslation();
  const [replying, setReplying] = useState(false);
  const [showReplies, setShowReplies] = useState(false);
  return (
    <Card component="li" withBorder radius="md" padding="sm" data-testid="comment">
      <Group justify="space-between" gap="xs">
        <Text size="sm" fw={700}>
          {c.authorName}
        </Text>
        <Text size="xs" c="dimmed">
          {formatDateTime(c.createdAt)}
        </Text>
      </Group>
      {c.quote && (
        <Blockquote p="xs" my={4} color="aegean.7">
          {c.quote}
        </Blockquote>
      )}
      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
        {c.body}
      </Text>
      {c.answerStatus && (
        <Card withBorder bg="gray.0" p="xs" mt="xs">
          <Badge variant="filled" color={c.answerStatus === 'accepted' ? '#1b6b2f' : c.answerStatus === 'partly' ? '#8a4b00' : 'red.9'}>
            {t(`participation.answer.${c.answerStatus}`)}
          </Badge>
          <Text size="sm" mt={4}>
            {c.answerText}
          </Text>
        </Card>
      )}
      <Group gap="sm" mt="xs">
        <Votes c={c} />
        {open && (
          <Button size="compact-sm" variant="subtle" onClick={() => setReplying(!replying)} aria-expanded={replying}>
            {t('participation.reply')}
          </Button>
        )}
        {c.replyCount > 0 && (
          <Button size="compact-sm" variant="subtle" onClick={() => setShowReplies(!showReplies)} aria-expanded={showReplies}>
            {showReplies ? t('participation.hideReplies') : t('participation.showReplies', { count: c.replyCount })}
          </Button>
        )}
        <ReportAbuse kind="comment" id={c.id} />
      </Group>
      {replying && (
        <div style={{ marginTop: 8 }}>
          <CommentForm
            consultationId={consultationId}
            parentId={c.id}
            onDone={() => {
              setReplying(false);
              setShowReplies(true);
            }}
            onCancel={() => setReplying(false)}
          />
        </div>
      )}
      {showReplies && (
        <div style={{ marginTop: 8, marginInlineStart: 16 }}>
          <CommentList consultationId={consultationId} parentId={c.id} open={open} />
        </div>
      )}
    </Card>
  );
}

/** A page of comments (top-level of an article, or the replies to one), with "more" by cursor. */
export function CommentList({
  consultationId,
  articleId,
  parentId,
  open,
}: {
  consultationId: string;
  articleId?: string;
  parentId?: string;
  open: boolean;
}) {
  const { t } = useTranslation();
  const ids = useId();
  const [sort, setSort] = useState<'newest' | 'oldest' | 'supported'>(parentId ? 'oldest' : 'newest');
  const q = useInfiniteQuery({
    queryKey: ['participation', 'comments', consultationId, articleId ?? null, parentId ?? null, sort],
    queryFn: ({ pageParam }) => listComments(consultationId, { articleId, parentId, sort, ...(pageParam ? { cursor: pageParam } : {}) }),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = q.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Stack gap="xs">
      {!parentId && (
        <NativeSelect
          id={`${ids}-sort`}
          label={t('participation.sort')}
          size="xs"
          w={220}
          value={sort}
          onChange={(e) => setSort(e.currentTarget.value as typeof sort)}
          data={[
            { value: 'newest', label: t('participation.sortNewest') },
            { value: 'oldest', label: t('participation.sortOldest') },
            { value: 'supported', label: t('participation.sortSupported') },
          ]}
        />
      )}
      {q.isPending && <Loader size="sm" aria-label={t('app.loading')} />}
      <ActionError error={q.error} />
      {q.data && items.length === 0 && !parentId && (
        <Text size="sm" c="dimmed">
          {t('participation.noComments')}
        </Text>
      )}
      <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {items.map((c) => (
          <CommentItem key={c.id} c={c} consultationId={consultationId} open={open} />
        ))}
      </Stack>
      {q.hasNextPage && (
        <Anchor underline="always" component="button" type="button" size="sm" onClick={() => void q.fetchNextPage()}>
          {q.isFetchingNextPage ? t('app.loading') : t('participation.moreComments')}
        </Anchor>
      )}
    </Stack>
  );
}
