#!/usr/bin/env node
// The CLI is TypeScript run through tsx's loader, as every process of this repo is.
import { register } from 'tsx/esm/api';

register();
await import('../src/main.ts');
