// Version detectors beyond npm's (built into semantics/versions.ts), registered on import (server/src/register.ts).
import './composer';
import './python';
import './nuget';
import './maven';
import './go';
