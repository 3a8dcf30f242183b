import { describe, expect, it } from 'vitest';
import { isTrustedSender, type Sender } from '../../main/ipc/sender-policy.js';

const app = { protocol: 'app:', host: 'coffer' };
const OUR_WINDOW = 7;
const mainFrame = (url: string) => ({ url, parent: null });

describe('IPC sender policy', () => {
  it('trusts the main frame of our window showing an app://coffer page', () => {
    expect(isTrustedSender({ frame: mainFrame('app://coffer/index.html'), contentsId: OUR_WINDOW }, OUR_WINDOW, app)).toBe(true);
  });

  it.each<[string, Sender, number | undefined]>([
    ['a null senderFrame (navigated away or destroyed)', { frame: null, contentsId: OUR_WINDOW }, OUR_WINDOW],
    ['a missing senderFrame', { frame: undefined, contentsId: OUR_WINDOW }, OUR_WINDOW],
    ['an iframe of our page', { frame: { url: 'app://coffer/index.html', parent: {} }, contentsId: OUR_WINDOW }, OUR_WINDOW],
    ['another webContents', { frame: mainFrame('app://coffer/index.html'), contentsId: 8 }, OUR_WINDOW],
    ['any sender before our window exists', { frame: mainFrame('app://coffer/index.html'), contentsId: OUR_WINDOW }, undefined],
    ['a file: page', { frame: mainFrame('file:///tmp/evil.html'), contentsId: OUR_WINDOW }, OUR_WINDOW],
    ['a web page', { frame: mainFrame('https://evil.example/'), contentsId: OUR_WINDOW }, OUR_WINDOW],
    ['a dev-server page', { frame: mainFrame('http://localhost:5173/'), contentsId: OUR_WINDOW }, OUR_WINDOW],
    ['another host of our scheme', { frame: mainFrame('app://evil/index.html'), contentsId: OUR_WINDOW }, OUR_WINDOW],
    ['a look-alike host', { frame: mainFrame('app://coffer.evil/index.html'), contentsId: OUR_WINDOW }, OUR_WINDOW],
    ['a URL with credentials', { frame: mainFrame('app://user:pw@coffer/index.html'), contentsId: OUR_WINDOW }, OUR_WINDOW],
    ['the vault: scheme', { frame: mainFrame('vault://media/abc'), contentsId: OUR_WINDOW }, OUR_WINDOW],
    ['about:blank', { frame: mainFrame('about:blank'), contentsId: OUR_WINDOW }, OUR_WINDOW],
    ['an unparsable URL', { frame: mainFrame('not a url'), contentsId: OUR_WINDOW }, OUR_WINDOW],
  ])('refuses %s', (_case, sender, trustedContentsId) => {
    expect(isTrustedSender(sender, trustedContentsId, app)).toBe(false);
  });
});
