import { z } from 'zod';
import { CorruptObjectError } from '../errors.js';
import { openBuffer, sealBuffer } from '../format/buffer-io.js';
import { folderProblem } from './item-folder.js';
import type { ItemSummary } from './item-summary.js';
import { isItemId } from './storage-keys.js';

const metadataSchema = z.strictObject({
  v: z.literal(1),
  id: z.string(),
  name: z.string().min(1).max(1024),
  size: z.number().int().nonnegative(),
  type: z.string().min(1).max(255),
  added: z.iso.datetime(),
  compressed: z.boolean(),
  /** Bytes of the content object, so its tail can be read without asking the store for its size. */
  storedSize: z.number().int().positive(),
  chunkSize: z.number().int().positive(),
  /** Raised by one on every rewrite (rename), so a device can tell an older copy; absent is 0. */
  rev: z.number().int().nonnegative().optional(),
  /** Where the item was imported from, e.g. `Trip/day1` (see item-folder.ts); absent is no folder. */
  folder: z
    .string()
    .min(1)
    .superRefine((folder, ctx) => {
      const problem = folderProblem(folder);
      if (problem) ctx.addIssue({ code: 'custom', message: `folder ${problem}` });
    })
    .optional(),
  /** Set by a rekey on the copy it made of item `rekeyedFrom` under the new master key. */
  rekeyedFrom: z.string().refine(isItemId, 'is not an item id').optional(),
});

/** What a deleted item's metadata object is replaced with, so every device learns of the deletion. */
const tombstoneSchema = z.strictObject({
  v: z.literal(1),
  id: z.string(),
  deleted: z.literal(true),
  rev: z.number().int().nonnegative(),
});

/**
 * Everything known about an item, sealed as its own small object beside the content. The content
 * object's salt lives in its own header; this records where to find it and how big it is.
 */
export type ItemMetadata = z.infer<typeof metadataSchema>;

export type Tombstone = z.infer<typeof tombstoneSchema>;

/** What an `m/<id>` object holds: a live item's metadata, or the tombstone of a deleted one. */
export type MetadataRecord = ItemMetadata | Tombstone;

export function isTombstone(record: MetadataRecord): record is Tombstone {
  return 'deleted' in record;
}

export function revisionOf(record: MetadataRecord): number {
  return record.rev ?? 0;
}

export function summarize(meta: ItemMetadata): ItemSummary {
  const { id, name, size, type, added, compressed } = meta;
  return { id, name, size, type, added, compressed, folder: meta.folder ?? '' };
}

export async function sealMetadata(masterKey: Buffer, objectId: string, meta: MetadataRecord): Promise<Buffer> {
  return (await sealBuffer({ masterKey, objectId }, Buffer.from(JSON.stringify(meta)))).bytes;
}

/** Opens a sealed metadata object; the id inside must be the id it is stored under. */
export async function openMetadata(masterKey: Buffer, objectId: string, id: string, sealed: Buffer): Promise<MetadataRecord> {
  const plain = await openBuffer(sealed, masterKey, objectId);
  let json: unknown;
  try {
    json = JSON.parse(plain.toString('utf8'));
  } catch {
    throw new CorruptObjectError(objectId, 'metadata is not JSON');
  }
  // Picked by the one member that tells them apart, so a schema error names the field that is wrong.
  const schema = typeof json === 'object' && json !== null && 'deleted' in json ? tombstoneSchema : metadataSchema;
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new CorruptObjectError(objectId, `metadata does not match its schema (${parsed.error.issues[0]?.message})`);
  if (parsed.data.id !== id) throw new CorruptObjectError(objectId, 'metadata names another item');
  return parsed.data;
}
