/**
 * Coffer runs only with Chromium's sandbox. electron-builder's AppImage launcher adds `--no-sandbox`
 * by itself where unprivileged user namespaces are blocked (Ubuntu 23.10 and later, which allow
 * them only to programs with an AppArmor profile), so the packaged app refuses that switch rather
 * than run unsandboxed. Development runs (`npm start`) are left alone.
 */
export function unsandboxedLaunchRefusal(launch: {
  packaged: boolean;
  noSandbox: boolean;
  platform: NodeJS.Platform;
}): { title: string; message: string } | undefined {
  if (!launch.packaged || !launch.noSandbox) return undefined;
  const linux =
    launch.platform === 'linux'
      ? ' If you started the AppImage on a system that restricts user namespaces (Ubuntu 23.10 or later), ' +
        'its launcher turned the sandbox off: install the .deb instead, which installs an AppArmor profile for ' +
        'Coffer, or give the AppImage a profile of its own (see the README).'
      : '';
  return {
    title: 'Coffer will not run without its sandbox',
    message: `Coffer was started with --no-sandbox, which would let a compromised page reach your files and your vault.${linux}`,
  };
}
