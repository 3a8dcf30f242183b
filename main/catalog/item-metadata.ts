import { z } from 'zod';
import { CorruptObjectError } from '../errors.js';
import { openBuffer, sealBuffer } from '../format/buffer-io.js';
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
  /** Set by a rekey on the copy it made of item `rekeyedFrom` under the new master key. */
  rekeyedFrom: z.string().refine(isItemId, 'is not an item id').optional(),
});

/**
 * Everything known about an item, sealed as its own small object beside the content. The content
 * object's salt lives in its own header; this records where to find it and how big it is.
 */
export type ItemMetadata = z.infer<typeof metadataSchema>;

export function summarize(meta: ItemMetadata): ItemSummary {
  return { id: meta.id, name: meta.name, size: meta.size, type: meta.type, added: meta.added, compressed: meta.compressed };
}

export async function sealMetadata(masterKey: Buffer, objectId: string, meta: ItemMetadata): Promise<Buffer> {
  return (await sealBuffer({ masterKey, objectId }, Buffer.from(JSON.stringify(meta)))).bytes;
}

/** Opens a sealed metadata object; the id inside must be the id it is stored under. */
export async function openMetadata(masterKey: Buffer, objectId: string, id: string, sealed: Buffer): Promise<ItemMetadata> {
  const plain = await openBuffer(sealed, masterKey, objectId);
  let parsed: ReturnType<typeof metadataSchema.safeParse>;
  try {
    parsed = metadataSchema.safeParse(JSON.parse(plain.toString('utf8')));
  } catch {
    throw new CorruptObjectError(objectId, 'metadata is not JSON');
  }
  if (!parsed.success) throw new CorruptObjectError(objectId, `metadata does not match its schema (${parsed.error.issues[0]?.message})`);
  if (parsed.data.id !== id) throw new CorruptObjectError(objectId, 'metadata names another item');
  return parsed.data;
}
