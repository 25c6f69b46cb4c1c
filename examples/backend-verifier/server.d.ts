/** Types of server.js. */
import type { Server } from 'node:http';
import type { VerifierOptions } from './verifier';

export function createVerifiedServer(options: VerifierOptions): Server;
