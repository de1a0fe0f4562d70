// Side-effect imports that register readers, dialect expressers and renderers with their registries.
// Kept in one place so bundles include exactly what the engine uses.
export {};
import './readers/js/index';
import './fixes/render-js';
import './fixes/dialects/nodemailer';
import './readers/env/index';
import './readers/yaml/index';
