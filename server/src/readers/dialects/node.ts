// Process-wide Node.js settings found in env blocks (rules-research §6.1, §6.2). Not SMTP configs: they
// become GlobalSettings that apply to every TLS connection of the process.
//
// Key                            → GlobalSetting.field
//   NODE_TLS_REJECT_UNAUTHORIZED → field (value: the string as written; Node disables verification for '0')
//   NODE_OPTIONS                 → field, only when it carries TLS flags (--tls-min-v1.0, --tls-min-v1.1,
//                                  --tls-max-v1.x, --tls-cipher-list, --tls-min-v1.2/1.3 are recorded too)
import type { GlobalSetting } from '../../model/types';
import type { KvEntry, KvGroup } from '../types';
import { strField } from './common';

export function nodeGlobal(group: KvGroup, e: KvEntry): GlobalSetting | undefined {
  const k = e.key;
  if (k === 'NODE_TLS_REJECT_UNAUTHORIZED') return { file: group.file, field: strField(e) };
  if (k === 'NODE_OPTIONS' && /--tls-/.test(e.raw ?? e.value)) return { file: group.file, field: strField(e) };
  return undefined;
}
