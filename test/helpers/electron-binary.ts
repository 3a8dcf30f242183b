import { access, readFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * The development Electron binary in an installed electron package, or exactly what is missing and
 * how to get it. Reads path.txt directly, as electron-vite does: requiring the package would start
 * a download. `overrideDist` is Electron's ELECTRON_OVERRIDE_DIST_PATH.
 */
export async function findElectronBinary(
  electronDir: string,
  overrideDist?: string,
): Promise<{ executablePath: string } | { missing: string }> {
  const { version } = JSON.parse(await readFile(join(electronDir, 'package.json'), 'utf8')) as { version: string };
  const pathFile = join(electronDir, 'path.txt');
  const howToGet =
    `get it with \`npm start\` or \`npx install-electron\` (both download Electron ${version} once, so they need network access), ` +
    'or set COFFER_E2E_EXECUTABLE to a packaged build from `npm run dist:e2e`';
  let relative: string;
  try {
    relative = await readFile(pathFile, 'utf8');
  } catch {
    return { missing: `${pathFile} is missing, so Electron's binary was never downloaded (npm install does not since Electron 42): ${howToGet}` };
  }
  const executablePath = join(overrideDist ?? join(electronDir, 'dist'), relative);
  try {
    await access(executablePath);
  } catch {
    return { missing: `${executablePath}, which ${pathFile} names, does not exist: ${howToGet}` };
  }
  return { executablePath };
}
