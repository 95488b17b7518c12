import { extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { greekZodError } from './zod-greek.js';

// Adds `.openapi()` to zod schemas once, so the schemas that validate also describe the API.
extendZodWithOpenApi(z);

// Every schema imports zod from here, so this is also where zod learns Greek: a check without a
// message of its own (an unknown key, a wrong type) answers in Greek like the rest of the API.
z.config({ customError: greekZodError });

export { z };
