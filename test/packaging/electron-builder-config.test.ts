// The GUI packages cannot be built here: electron-builder downloads Electron and fpm. So electron-builder itself
// runs on the configuration, for deb and rpm, on a prepackaged app directory, up to the point where it would call
// fpm; what it would pass to fpm (files, desktop entry) is checked, and validated with the real desktop-file and
// AppStream tools.
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Arch, build, Platform, type Configuration } from 'app-builder-lib';
import { validateConfiguration } from 'app-builder-lib/out/util/config/config';
import FpmTarget from 'app-builder-lib/out/targets/FpmTarget';
import { DebugLogger } from 'builder-util';
import { run } from '../support/run';

const config = JSON.parse(readFileSync('electron-builder.json', 'utf8')) as Configuration;
const appId = config.appId ?? '';
const scratch = mkdtempSync(join(tmpdir(), 'canopy-electron-builder-'));

interface FpmInvocation {
  /** fpm's file mappings, source to installed path. */
  files: Map<string, string>;
  desktopEntry: string;
}
const fpm = new Map<'deb' | 'rpm', FpmInvocation>();

beforeAll(async () => {
  const app = join(scratch, 'app');
  mkdirSync(join(app, 'resources'), { recursive: true });
  writeFileSync(join(app, 'canopy'), '');
  chmodSync(join(app, 'canopy'), 0o755);
  for (const target of ['deb', 'rpm'] as const) {
    await build({
      targets: Platform.LINUX.createTarget([target], Arch.x64),
      config: { ...config, directories: { ...config.directories, output: join(scratch, 'out') } },
      projectDir: process.cwd(),
      prepackaged: app,
      // electron-builder's own hook for seeing a build's effective options; true stops it before fpm runs.
      effectiveOptionComputed: (options: unknown) => {
        const [args, desktopFile] = options as [string[], string];
        const files = new Map(args.filter((arg) => arg.includes('=/')).map((arg) => arg.split('=') as [string, string]).map(([from, to]) => [to, from]));
        fpm.set(target, { files, desktopEntry: readFileSync(desktopFile, 'utf8') });
        return Promise.resolve(true);
      },
    });
  }
}, 120_000);

afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

describe('electron-builder configuration', () => {
  it("passes electron-builder's own schema validation", async () => {
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    const broken = { ...config, linux: { ...config.linux, executableNmae: 'typo' } } as unknown as Configuration;
    await expect(validateConfiguration(broken, new DebugLogger(false))).rejects.toThrow(/Invalid configuration object/);
  });

  it('turns off RunAsNode and NODE_OPTIONS with fuses', () => {
    expect(config.electronFuses).toMatchObject({ runAsNode: false, enableNodeOptionsEnvironmentVariable: false, enableNodeCliInspectArguments: false });
    expect(config.linux?.target).toEqual(['deb', 'rpm', 'AppImage']);
    expect(config.asarUnpack).toContain('dist/helper/**');
  });

  it("puts the metainfo where the AppImage's AppDir keeps it (the app directory is the AppDir's root)", () => {
    expect(config.linux?.extraFiles).toEqual([{ from: `build/app/${appId}.metainfo.xml`, to: `usr/share/metainfo/${appId}.metainfo.xml` }]);
  });

  // Electron links libgbm and libasound, which neither GTK nor electron-builder's defaults bring in.
  const linked = { deb: ['libgbm1', 'libasound2'], rpm: ['mesa-libgbm', 'alsa-lib'] };

  it.each(['deb', 'rpm'] as const)("%s: depends on the helper package as well as on Electron's own libraries", (target) => {
    // Listing depends replaces electron-builder's defaults, so every default must be listed again.
    const defaults = (FpmTarget.prototype as unknown as { getDefaultDepends: (target: string) => string[] }).getDefaultDepends(target);
    expect(defaults.length).toBeGreaterThan(3);
    expect(config[target]?.depends).toEqual(['canopy-helper', ...defaults, ...linked[target]]);
  });

  it('names only Debian packages that exist', () => {
    const names = (config.deb?.depends ?? []).filter((name) => name !== 'canopy-helper');
    const known = run('apt-cache', ['show', '--no-all-versions', ...names]).match(/^Package: .+$/gm) ?? [];
    expect(known.map((line) => line.slice('Package: '.length)).sort()).toEqual([...names].sort());
  });

  it.each(['deb', 'rpm'] as const)('%s: installs a valid desktop entry named after the app id, as Electron and AppStream expect', (target) => {
    const invocation = fpm.get(target);
    expect(invocation?.files.has(`/usr/share/applications/${appId}.desktop`)).toBe(true);
    const entry = invocation?.desktopEntry ?? '';
    // Electron takes its Wayland app_id and WM_CLASS from desktopName, so windows are matched to this entry.
    expect(entry).toContain(`StartupWMClass=${appId}\n`);
    expect(entry).toMatch(/^Exec=\/opt\/Canopy\/canopy %U$/m);
    const file = join(scratch, `${appId}.desktop`);
    writeFileSync(file, entry);
    expect(run('desktop-file-validate', [file])).toBe('');
  });

  it.each(['deb', 'rpm'] as const)('%s: installs valid AppStream metainfo whose launchable is that desktop entry', (target) => {
    const source = fpm.get(target)?.files.get(`/usr/share/metainfo/${appId}.metainfo.xml`);
    expect(source).toBe(`build/app/${appId}.metainfo.xml`);
    const metainfo = readFileSync(source ?? '', 'utf8');
    expect(metainfo).toContain(`<id>${appId}</id>`);
    expect(metainfo).toContain(`<launchable type="desktop-id">${appId}.desktop</launchable>`);
    expect(run('appstreamcli', ['validate', '--no-net', source ?? ''])).toMatch(/Validation was successful/);
  });

  it.each(['deb', 'rpm'] as const)('%s: installs the icon in the usual sizes, under the name the desktop entry uses', (target) => {
    const invocation = fpm.get(target);
    expect(invocation?.desktopEntry).toContain('Icon=canopy\n');
    for (const size of [16, 24, 32, 48, 64, 128, 256, 512]) {
      const source = invocation?.files.get(`/usr/share/icons/hicolor/${String(size)}x${String(size)}/apps/canopy.png`) ?? '';
      const png = readFileSync(source);
      expect(png.subarray(1, 4).toString()).toBe('PNG');
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([size, size]);
    }
  });
});
