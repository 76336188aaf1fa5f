// The GUI packages cannot be built here (electron-builder downloads Electron and its tools), so the configuration
// is checked by electron-builder's own validator, and what it points at is checked to exist and be right.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Configuration } from 'app-builder-lib';
import { validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { DebugLogger } from 'builder-util';

const config = JSON.parse(readFileSync('electron-builder.json', 'utf8')) as Configuration;

describe('electron-builder configuration', () => {
  it("passes electron-builder's own schema validation", async () => {
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    const broken = { ...config, linux: { ...config.linux, executableNmae: 'typo' } } as unknown as Configuration;
    await expect(validateConfiguration(broken, new DebugLogger(false))).rejects.toThrow(/Invalid configuration object/);
  });

  it('turns off RunAsNode and NODE_OPTIONS with fuses, and depends on the helper package', () => {
    expect(config.electronFuses).toMatchObject({ runAsNode: false, enableNodeOptionsEnvironmentVariable: false, enableNodeCliInspectArguments: false });
    expect(config.deb?.depends).toContain('canopy-helper');
    expect(config.rpm?.depends).toContain('canopy-helper');
    expect(config.linux?.target).toEqual(['deb', 'rpm', 'AppImage']);
    expect(config.asarUnpack).toContain('dist/helper/**');
  });

  it('ships icons in the usual sizes and AppStream metainfo', () => {
    for (const size of [16, 24, 32, 48, 64, 128, 256, 512]) {
      const png = readFileSync(`build/app/icons/${String(size)}x${String(size)}.png`);
      expect(png.subarray(1, 4).toString()).toBe('PNG');
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([size, size]);
    }
    const metainfo = readFileSync('build/app/org.canopy.Canopy.metainfo.xml', 'utf8');
    expect(metainfo).toContain(`<id>${config.appId ?? ''}</id>`);
    expect(metainfo).toContain(`<launchable type="desktop-id">${config.appId ?? ''}.desktop</launchable>`);
  });
});
