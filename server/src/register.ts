// Side-effect imports that register readers, dialect expressers and renderers with their registries.
// Kept in one place so bundles include exactly what the engine uses.
export {};
import './semantics/version-detectors/index';
import './readers/js/index';
import './fixes/render-js';
import './fixes/dialects/nodemailer';
import './readers/env/index';
import './readers/yaml/index';
import './readers/ini/index';
import './fixes/render-ini';
import './readers/properties/index';
import './fixes/render-properties';
import './fixes/render-env';
import './fixes/render-url';
import './fixes/dialects/generic';
import './fixes/dialects/laravel';
import './fixes/dialects/django';
import './fixes/dialects/symfony';
import './fixes/dialects/mastodon';
import './fixes/render-yaml';
import './fixes/dialects/spring';
import './fixes/dialects/grafana';
import './fixes/dialects/gitea';
import './fixes/dialects/discourse';
import './fixes/dialects/ghost';
import './fixes/dialects/action-send-mail';
import './fixes/dialects/node';
// Code languages (languages/registry.ts): readers and renderers; grammars load lazily on first use.
import './readers/python/index';
import './fixes/render-python';
import './fixes/render-php';
import './readers/php/index';
import './fixes/dialects/phpmailer';
import './fixes/dialects/python-clients';
import './readers/java/index';
import './fixes/render-java';
