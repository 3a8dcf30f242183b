/**
 * What ships: builds the app (electron-vite) and packs it with electron-builder's own file
 * selection into a real app.asar, then checks that the archive holds the build output and the
 * production dependencies only — no sources, tests, source maps or devDependencies.
 *
 * electron-builder cannot download Electron here, so it packs around a stand-in Electron folder
 * (`electronDist`) and with fuses off (flipping fuses needs the real binary). The file set it
 * puts in app.asar does not depend on either.
 */
import { execFile } from 'node:child_process';
import { builtinModules } from 'node:module';
import { chmod, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { extractFile, listPackage, statFile } from '@electron/asar';
import { getConfig } from 'app-builder-lib/out/util/config/config.js';
import { build as buildInstaller, Platform } from 'electron-builder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, removeTempDirs } from '../helpers/temp-dir.js';

const run = promisify(execFile);
const root = process.cwd();
const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as {
  productName: string;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

let asarPath: string;
/** Every file (not folder) in app.asar, relative: out/main/index.js, node_modules/zod/package.json… */
let files: string[];
/** Package folders (relative, e.g. node_modules/@aws-sdk/client-s3) npm counts as production. */
let productionPackages: Set<string>;

beforeAll(async () => {
  await run(process.execPath, [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], { cwd: root });

  const dir = await makeTempDir('coffer-bundle');
  const electronDist = join(dir, 'electron-stand-in');
  await run('mkdir', ['-p', electronDist]);
  await writeFile(join(electronDist, 'electron'), '');
  await chmod(join(electronDist, 'electron'), 0o755);
  await buildInstaller({
    projectDir: root,
    targets: Platform.LINUX.createTarget('dir'),
    publish: 'never',
    config: { electronDist, electronFuses: null, directories: { output: join(dir, 'dist') } },
  });
  asarPath = join(dir, 'dist', 'linux-unpacked', 'resources', 'app.asar');
  files = listPackage(asarPath, { isPack: false })
    .map((f) => f.replaceAll('\\', '/').replace(/^\//, ''))
    .filter((f) => !('files' in statFile(asarPath, f)));

  const { stdout } = await run('npm', ['ls', '--omit=dev', '--all', '--parseable'], { cwd: root });
  productionPackages = new Set(
    stdout
      .split('\n')
      .filter((line) => line.startsWith(join(root, 'node_modules')))
      .map((line) => line.slice(root.length + 1)),
  );
}, 240_000);
afterAll(removeTempDirs);

/** The package folder a file in node_modules belongs to (nested ones included). */
function packageOf(file: string): string {
  const parts = file.split('/');
  let end = 0;
  for (let i = 0; i < parts.length; i++) {
    if (parts[i] !== 'node_modules' || i + 1 >= parts.length) continue;
    end = parts[i + 1]!.startsWith('@') ? i + 3 : i + 2;
  }
  return parts.slice(0, end).join('/');
}

const text = (file: string) => extractFile(asarPath, file).toString('utf8');

describe('app.asar', () => {
  it('holds only the build output, package.json and node_modules', () => {
    const tops = new Set(files.map((f) => f.split('/')[0]));
    expect([...tops].sort()).toEqual(['node_modules', 'out', 'package.json']);
  });

  it("holds exactly the app's build output, without the CLI bundle", async () => {
    const built = (await readdir(join(root, 'out'), { recursive: true, withFileTypes: true }))
      .filter((entry) => entry.isFile())
      .map((entry) => join(entry.parentPath, entry.name).slice(root.length + 1).replaceAll('\\', '/'))
      .filter((file) => !file.startsWith('out/cli/'));
    expect(built.some((file) => file.startsWith('out/main/'))).toBe(true);
    const packed = files.filter((f) => f.startsWith('out/'));
    expect(packed.sort()).toEqual(built.sort());
  });

  it('holds no source maps, and no inline ones in the code we wrote', () => {
    expect(files.filter((f) => f.endsWith('.map'))).toEqual([]);
    for (const file of files.filter((f) => f.startsWith('out/') && /\.(c|m)?js$/.test(f))) {
      expect(text(file), file).not.toMatch(/sourceMappingURL|sourcesContent/);
    }
  });

  it('holds no TypeScript sources and no tests of ours', () => {
    const ours = files.filter((f) => !f.startsWith('node_modules/'));
    expect(ours.filter((f) => /\.tsx?$/.test(f) || /(^|\/)(test|tests|__tests__)(\/|$)|\.test\./.test(f))).toEqual([]);
  });

  it('holds production dependencies only', () => {
    const packed = new Set(files.filter((f) => f.startsWith('node_modules/')).map(packageOf));
    expect(packed.size).toBeGreaterThan(0);
    expect([...packed].filter((p) => !productionPackages.has(p))).toEqual([]);
    for (const name of Object.keys(pkg.dependencies)) expect(packed).toContain(`node_modules/${name}`);
  });

  it('holds none of our devDependencies (Electron, the build tools, React, the test tools)', () => {
    const packed = new Set(files.map(packageOf));
    const dev = Object.keys(pkg.devDependencies).filter((name) => !productionPackages.has(`node_modules/${name}`));
    expect(dev).toEqual(expect.arrayContaining(['electron', 'electron-builder', 'vite', 'vitest', 'react']));
    expect(dev.filter((name) => packed.has(`node_modules/${name}`))).toEqual([]);
  });

  it('keeps package.json pointing at the built main entry', () => {
    expect(JSON.parse(text('package.json'))).toMatchObject({ main: 'out/main/index.js' });
    expect(files).toContain('out/main/index.js');
  });

  it('names the app Coffer, which names its userData folder, menu and keychain item', () => {
    expect(pkg.productName).toBe('Coffer');
    expect(JSON.parse(text('package.json'))).toMatchObject({ productName: 'Coffer' });
  });
});

describe('the installer configuration, as electron-builder reads it', () => {
  // Read through electron-builder's own loader: what it builds from, not our reading of the YAML.
  const config = getConfig(root, null, null);
  const plist = (file: string) => readFile(join(root, file), 'utf8');

  it('keeps the product name in one place: package.json and electron-builder.yml agree', async () => {
    expect((await config).productName).toBe(pkg.productName);
  });

  it('re-signs a Mac build ad hoc after flipping the fuses, so an unsigned arm64 build still launches', async () => {
    expect((await config).electronFuses).toMatchObject({ resetAdHocDarwinSignature: true, runAsNode: false, onlyLoadAppFromAsar: true });
  });

  it('signs under the hardened runtime with the entitlements an ad hoc signature needs', async () => {
    const { mac } = await config;
    expect(mac).toMatchObject({ hardenedRuntime: true });
    for (const file of [mac!.entitlements!, mac!.entitlementsInherit!]) {
      const entitlements = await plist(file);
      for (const key of ['com.apple.security.cs.allow-jit', 'com.apple.security.cs.disable-library-validation']) {
        expect(entitlements).toMatch(new RegExp(`<key>${key.replaceAll('.', '\\.')}</key>\\s*<true/>`));
      }
    }
  });

  it('builds the .deb first (the Linux download to use) and the AppImage beside it', async () => {
    expect((await config).linux?.target).toEqual(['deb', 'AppImage']);
  });

  it('never turns the sandbox off in what it ships', async () => {
    expect(JSON.stringify(await config)).not.toMatch(/no-sandbox/);
  });
});

describe('the built bundles', () => {
  const allowed = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`), 'electron']);
  const importsOf = (code: string) =>
    [...code.matchAll(/(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)|require\(\s*["']([^"']+)["']\s*\)/g)]
      .map((m) => m[1] ?? m[2] ?? m[3]!)
      .filter((spec) => !spec.startsWith('.'));

  it('main imports only Node built-ins, electron and production dependencies', () => {
    const main = files.filter((f) => f.startsWith('out/main/') && f.endsWith('.js'));
    const specifiers = main.flatMap((f) => importsOf(text(f)));
    expect(specifiers).toContain('electron');
    const outside = specifiers.filter((spec) => {
      if (allowed.has(spec)) return false;
      const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!;
      return !(name in pkg.dependencies);
    });
    expect(outside).toEqual([]);
  });

  it('main is built from main/ and contract/ only: no test code', () => {
    // The bundler heads every module it inlines with a comment naming its source path.
    const modules = files
      .filter((f) => f.startsWith('out/main/'))
      .flatMap((f) => [...text(f).matchAll(/^\/\/ ([\w./-]+\.tsx?)$/gm)].map((m) => m[1]!));
    expect(modules).toContain('main/index.ts');
    expect(modules.filter((m) => !/^(main|contract)\//.test(m))).toEqual([]);
  });

  it('the preload is one CommonJS file that requires nothing but electron (a sandboxed preload can load nothing else)', () => {
    expect(files.filter((f) => f.startsWith('out/preload/'))).toEqual(['out/preload/index.cjs']);
    const code = text('out/preload/index.cjs');
    expect(importsOf(code)).toEqual(['electron']);
    expect(code).not.toMatch(/^\s*(import|export)\s/m);
    expect(code).toContain('exposeInMainWorld("coffer"');
  });

  it('the renderer bundle never mentions ipcRenderer or Node modules', () => {
    for (const file of files.filter((f) => f.startsWith('out/renderer/') && f.endsWith('.js'))) {
      const code = text(file);
      expect(code, file).not.toContain('ipcRenderer');
      expect(importsOf(code).filter((spec) => allowed.has(spec))).toEqual([]);
    }
  });
});
