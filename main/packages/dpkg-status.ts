// dpkg's status database (/var/lib/dpkg/status): stanzas of "Field: value" lines separated by blank lines, with
// continuation lines indented. Format: deb-control(5), dpkg-query(1).
import type { Package } from './package-model';

/** The fields of each stanza, names lower-cased (dpkg's field names are case-insensitive). */
function stanzas(text: string): Map<string, string>[] {
  const result: Map<string, string>[] = [];
  let fields = new Map<string, string>();
  let last: string | undefined;
  for (const line of text.split('\n')) {
    if (line.trim() === '') {
      if (fields.size > 0) result.push(fields);
      fields = new Map();
      last = undefined;
    } else if (line.startsWith(' ') || line.startsWith('\t')) {
      if (last !== undefined) fields.set(last, `${fields.get(last) ?? ''}\n${line.slice(1)}`);
    } else {
      const colon = line.indexOf(':');
      if (colon <= 0) continue;
      last = line.slice(0, colon).trim().toLowerCase();
      fields.set(last, line.slice(colon + 1).trim());
    }
  }
  if (fields.size > 0) result.push(fields);
  return result;
}

/**
 * The installed packages of a status file, in file order. Installed means the third word of Status (the package
 * state) is "installed": the first word (install, hold) is only what the admin wants next, so a held package is
 * as installed as any other, and "config-files", "half-installed" or "unpacked" packages are not.
 */
export function readDpkgStatus(text: string): Package[] {
  const packages: Package[] = [];
  for (const fields of stanzas(text)) {
    const name = fields.get('package');
    const version = fields.get('version');
    const state = (fields.get('status') ?? '').split(/\s+/)[2];
    if (!name || !version || state !== 'installed') continue;
    const pkg: Package = {
      name,
      arch: fields.get('architecture') ?? 'all',
      evr: version,
      summary: (fields.get('description') ?? '').split('\n')[0] ?? '',
      // "Source: glibc (2.36-9)": the version is there when the binary package's version differs.
      source: (fields.get('source') ?? name).replace(/\s*\(.*\)\s*$/, ''),
    };
    const installedSize = Number(fields.get('installed-size'));
    if (fields.has('installed-size') && Number.isFinite(installedSize)) pkg.size = installedSize * 1024;
    packages.push(pkg);
  }
  return packages;
}
