import { act, screen } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { CallError } from '../../renderer/src/coffer.js';
import { useToasts } from '../../renderer/src/ui/toasts.js';
import { renderScreen, scriptCoffer } from './support/render.js';

function Failing() {
  const toasts = useToasts();
  return (
    <button type="button" onClick={() => toasts.fail(new CallError({ code: 'WRONG_PASSPHRASE', message: 'x' }))}>
      go
    </button>
  );
}

describe('toasts', () => {
  it('say an error code’s sentence in the language on screen, never the raw error', async () => {
    scriptCoffer();
    await renderScreen(<Failing />, { locale: 'ko' });
    await act(() => userEvent.click(screen.getByRole('button', { name: 'go' })));
    expect(screen.getByRole('alert').textContent).toContain('암호가 맞지 않습니다.');
    expect(screen.getByRole('alert').textContent).not.toContain('WRONG_PASSPHRASE');
  });
});
