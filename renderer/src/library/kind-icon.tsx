import { File, FileText, Film, Image, Music, type LucideIcon } from 'lucide-react';
import type { Kind } from './kinds.js';

export const KIND_ICONS: Record<Kind, LucideIcon> = { video: Film, photo: Image, audio: Music, document: FileText, other: File };

/** The kind's icon, decorative: the kind is always said in words beside it. */
export function KindIcon({ kind, size = 16 }: { kind: Kind; size?: number }) {
  const Icon = KIND_ICONS[kind];
  return <Icon size={size} aria-hidden strokeWidth={1.75} />;
}
