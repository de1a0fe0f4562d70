import type { SmtpConfig } from '../../model/types';
import type { KvGroup } from '../types';
import type { Instance } from './common';

export function buildGitea(_group: KvGroup, _inst: Instance): SmtpConfig | undefined {
  return undefined;
}
