import { config } from 'zod/mini';
import { en } from 'zod/v4/locales';

/**
 * The one way the sources import zod: `import * as z from '…/core/zod'`, the functional `zod/mini` API.
 *
 * - English messages, as full `zod` gives by default: `zod/mini` leaves every message at "Invalid input" until a
 *   locale is configured, and settings problems and custom-model errors show these messages to the user.
 * - A namespace import re-exported with `export *`, never the `z` object of `zod/mini`: esbuild tree-shakes
 *   property accesses on a namespace import, but a namespace passed around as a value keeps all of zod, every
 *   locale included.
 */
config(en());

export * from 'zod/mini';
