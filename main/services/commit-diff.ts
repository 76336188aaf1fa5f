// What a diff between two commits says. Types only, so that the renderer can name them without Node's modules.
import type { FileDiffResult } from '../../helper/protocol';
import type { PackageDiff, PackageList } from '../packages/package-model';

export interface CommitDiff {
  from: string;
  to: string;
  source: PackageList['source'];
  packages: PackageDiff;
  files?: FileDiffResult;
}
