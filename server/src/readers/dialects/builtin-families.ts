// Registers the dialects whose keys have their own fixed prefix: Grafana GF_SMTP_*, Discourse
// DISCOURSE_SMTP_*, Gitea/Forgejo GITEA__mailer__*, Ghost mail__*.
import { prefixMatcher, registerKvFamily } from './registry';
import { buildGrafana } from './grafana';
import { buildDiscourse } from './discourse';
import { buildGitea } from './gitea';
import { buildGhost } from './ghost';

registerKvFamily({ name: 'grafana', dialect: 'grafana', match: prefixMatcher(/^(GF_SMTP_)/i), build: buildGrafana });
registerKvFamily({ name: 'discourse', dialect: 'discourse', match: prefixMatcher(/^(DISCOURSE_SMTP_)/i), build: buildDiscourse });
registerKvFamily({ name: 'gitea', dialect: 'gitea', match: prefixMatcher(/^((?:GITEA|FORGEJO)__mailer__)/i), build: buildGitea });
registerKvFamily({ name: 'ghost', dialect: 'ghost', match: prefixMatcher(/^(mail__)/i), build: buildGhost });
