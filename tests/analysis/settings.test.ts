import { describe, expect, it } from 'vitest';
import { readSettings, withOverrides } from '../../src/analysis/settings';

describe('settings.taskgroup', () => {
  it('reads the shared settings', () => {
    expect(readSettings(undefined)).toEqual({});
    expect(readSettings({ other: 1 })).toEqual({});
    expect(
      readSettings({ taskgroup: { helperModule: '#tasks', backgroundFunctions: ['jobs.enqueue'], backgroundDecorators: ['Job'], everywhere: true, crossModuleDepth: 2 } }),
    ).toEqual({
      helperModule: '#tasks',
      backgroundFunctions: ['jobs.enqueue'],
      backgroundDecorators: ['Job'],
      everywhere: true,
      crossModuleDepth: 2,
    });
    expect(readSettings({ taskgroup: { crossModuleDepth: 0 } })).toEqual({ crossModuleDepth: 0 });
  });

  it('names the setting that is wrong', () => {
    expect(() => readSettings({ taskgroup: [] })).toThrow('settings.taskgroup must be an object');
    expect(() => readSettings({ taskgroup: { helperModule: '' } })).toThrow('settings.taskgroup.helperModule must be a non-empty string');
    expect(() => readSettings({ taskgroup: { backgroundFunctions: 'jobs.enqueue' } })).toThrow('settings.taskgroup.backgroundFunctions must be an array of non-empty strings');
    expect(() => readSettings({ taskgroup: { everywhere: 'yes' } })).toThrow('settings.taskgroup.everywhere must be true or false');
    for (const depth of [-1, 1.5, '4']) {
      expect(() => readSettings({ taskgroup: { crossModuleDepth: depth } })).toThrow('settings.taskgroup.crossModuleDepth must be a whole number (0 or more)');
    }
    expect(() => readSettings({ taskgroup: { backgroundFunction: [] } })).toThrow('settings.taskgroup.backgroundFunction is not a setting of eslint-plugin-taskgroup');
  });

  it('lets a given override win and an absent one fall through', () => {
    const settings = { helperModule: '#tasks', backgroundFunctions: ['a'], everywhere: true };
    expect(withOverrides(settings, { backgroundFunctions: [], everywhere: undefined })).toEqual({ helperModule: '#tasks', backgroundFunctions: [], everywhere: true });
  });
});
