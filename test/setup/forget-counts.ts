/** Mutation runs only (vitest.mutation.config.ts): each test counts owned specs afresh (test/setup/owned-uncounted.ts says why). */
import { beforeEach } from 'vitest';
import { forgetCounts } from './owned-uncounted.js';

beforeEach(forgetCounts);
