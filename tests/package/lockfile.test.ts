import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root } from './dist';

// `npm install` rewrites package-lock.json when its root entry disagrees with package.json
// (a renamed bin, a new engines range...): a fresh clone would be dirty after the README's
// first command. The root entry must say what package.json says.
const manifest = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as Record<string, unknown>;
const lock = JSON.parse(readFileSync(resolve(root, 'package-lock.json'), 'utf8')) as { name: string; version: string; packages: Record<string, Record<string, unknown>> };

describe('package-lock.json', () => {
  it('has a root entry that agrees with package.json, so npm install leaves it as it is', () => {
    const entry = lock.packages[''];
    expect({ name: lock.name, version: lock.version }).toEqual({ name: manifest.name, version: manifest.version });
    for (const field of ['name', 'version', 'license', 'engines', 'dependencies', 'devDependencies', 'peerDependencies', 'peerDependenciesMeta']) {
      expect(entry?.[field], field).toEqual(manifest[field]);
    }
    // npm writes bin paths without their leading `./`.
    const bin = Object.fromEntries(Object.entries(manifest.bin as Record<string, string>).map(([name, file]) => [name, file.replace(/^\.\//, '')]));
    expect(entry?.bin).toEqual(bin);
  });

  it('pins every devDependency exactly', () => {
    const ranges = Object.entries(manifest.devDependencies as Record<string, string>).filter(([, version]) => !/^\d+\.\d+\.\d+$/.test(version));
    expect(ranges).toEqual([]);
  });
});
