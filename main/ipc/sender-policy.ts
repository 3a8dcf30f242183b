/**
 * Who may call main: only the main frame of our own window, showing our own app:// origin. Checked
 * on every request (as VS Code's validatedIpcMain does), because an iframe, or a renderer that was
 * navigated or compromised, can still reach ipcRenderer through the preload.
 */

/** The part of Electron's WebFrameMain the policy reads. */
export interface SenderFrame {
  readonly url: string;
  /** Null for a main (top-level) frame. */
  readonly parent: unknown;
}

/** Where a request came from, as the IPC registration sees it. */
export interface Sender {
  /** `event.senderFrame`: null when the frame navigated away or was destroyed before we looked. */
  frame: SenderFrame | null | undefined;
  /** `event.sender.id`: the webContents that sent it. */
  contentsId: number;
}

/** The app's own origin, e.g. app://coffer. */
export interface AppOrigin {
  /** With the colon, as URL.protocol spells it: 'app:'. */
  protocol: string;
  host: string;
}

/**
 * True when the request came from our window (`trustedContentsId`, undefined while there is none),
 * from its main frame, and from a page of our app's protocol and host. A null frame is refused.
 */
export function isTrustedSender(sender: Sender, trustedContentsId: number | undefined, app: AppOrigin): boolean {
  const { frame } = sender;
  if (!frame || frame.parent || trustedContentsId === undefined || sender.contentsId !== trustedContentsId) {
    return false;
  }
  let url: URL;
  try {
    url = new URL(frame.url);
  } catch {
    return false;
  }
  return url.protocol === app.protocol && url.host === app.host && !url.username && !url.password;
}
