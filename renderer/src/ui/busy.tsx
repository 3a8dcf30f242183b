import { LoaderCircle } from 'lucide-react';

/** Work in progress the user waits for: a spinner and what is happening, announced politely. */
export function Busy({ text }: { text: string }) {
  return (
    <p className="busy" role="status">
      <LoaderCircle className="spinner" size={16} aria-hidden />
      {text}
    </p>
  );
}
