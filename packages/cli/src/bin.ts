#!/usr/bin/env node
import { createRemoteProgram } from './program.js';

await createRemoteProgram().parseAsync();
