import { and, eq, inArray } from 'drizzle-orm';
import type { Actor } from '../../platform/access/access.js';
import type { DbOrTx } from '../../platform/db/database.js';
import { files } from '../../platform/files/files.schema.js';
import { canReadFile } from '../../platform/files/index.js';
import { AppError, type FieldError } from '../../platform/http/errors.js';

/**
 * Checks files someone attaches to a case: they exist in the tenant and the actor may read them
 * already (their own upload, or staff who may see it). Otherwise attaching a stranger's file id
 * would hand its bytes to the attacher through the case's file-access rule.
 * `kinds` restricts a form field's files to the kinds it accepts.
 */
export async function checkAttachments(
  db: DbOrTx,
  tenantId: string,
  actor: Actor,
  groups: { field: string; ids: string[]; allowedKinds?: readonly string[] }[],
) {
  const all = [...new Set(groups.flatMap((g) => g.ids))];
  if (!all.length) return;
  const found = await db
    .select()
    .from(files)
    .where(and(eq(files.tenantId, tenantId), inArray(files.id, all)));
  const byId = new Map(found.map((f) => [f.id, f]));
  const errors: FieldError[] = [];
  for (const g of groups) {
    for (const id of g.ids) {
      const f = byId.get(id);
      if (!f || !(await canReadFile(db, actor, f))) {
        errors.push({ field: g.field, code: 'case.unknown_file' });
        break;
      }
      if (g.allowedKinds && !g.allowedKinds.includes(f.kind)) {
        errors.push({ field: g.field, code: 'case.file_kind', params: { kinds: g.allowedKinds.join(', ') } });
        break;
      }
    }
  }
  if (errors.length) throw new AppError('validation.failed', 400, {}, errors);
}
