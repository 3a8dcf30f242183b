import type { Command } from '../command.js';
import { catCommand } from './cat.js';
import { getCommand } from './get.js';
import { initCommand } from './init.js';
import { lsCommand } from './ls.js';
import { passwdCommand } from './passwd.js';
import { putCommand } from './put.js';
import { rekeyCommand } from './rekey.js';
import { rmCommand } from './rm.js';
import { serveCommand } from './serve.js';
import { verifyCommand } from './verify.js';

/** Every command, in the order `coffer --help` lists them. */
export const COMMANDS: readonly Command[] = [
  initCommand,
  putCommand,
  lsCommand,
  catCommand,
  getCommand,
  rmCommand,
  verifyCommand,
  passwdCommand,
  rekeyCommand,
  serveCommand,
];
