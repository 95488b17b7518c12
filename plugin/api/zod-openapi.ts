import { extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';

// Adds `.openapi()` to zod schemas once, so the schemas that validate also describe the API.
extendZodWithOpenApi(z);

export { z };
