import { describe, expect, it } from 'vitest';
import { unsandboxedLaunchRefusal } from '../../main/shell/sandbox-policy.js';

describe('running without the sandbox', () => {
  it('refuses the packaged app started with --no-sandbox, and on Linux points to the .deb', () => {
    const refusal = unsandboxedLaunchRefusal({ packaged: true, noSandbox: true, platform: 'linux' });
    expect(refusal?.title).toBe('Coffer will not run without its sandbox');
    expect(refusal?.message).toMatch(/--no-sandbox.*AppImage.*install the \.deb/s);
  });

  it.each(['darwin', 'win32'] as const)('refuses it on %s too, without the Linux advice', (platform) => {
    expect(unsandboxedLaunchRefusal({ packaged: true, noSandbox: true, platform })?.message).not.toContain('AppImage');
  });

  it('lets the packaged app start with its sandbox', () => {
    expect(unsandboxedLaunchRefusal({ packaged: true, noSandbox: false, platform: 'linux' })).toBeUndefined();
  });

  it('leaves development runs alone (npm start on a machine whose sandbox needs setting up)', () => {
    expect(unsandboxedLaunchRefusal({ packaged: false, noSandbox: true, platform: 'linux' })).toBeUndefined();
  });
});
