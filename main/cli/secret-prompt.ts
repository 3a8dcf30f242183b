import { StringDecoder } from 'node:string_decoder';
import type { Writable } from 'node:stream';
import { AbortedError } from '../errors.js';
import type { CliInput } from './cli-io.js';

const ENTER = new Set(['\r', '\n']);
const CTRL_C = '\u0003';
const CTRL_D = '\u0004';
const CTRL_U = '\u0015';
const BACKSPACE = new Set(['\u007f', '\b']);
const ESC = '\u001b';

/**
 * Reads one line from a terminal in raw mode, so nothing typed is echoed. Handles what people type
 * at a password prompt: Backspace, Ctrl-U (clear), Enter, Ctrl-C (AbortedError) and Ctrl-D on an
 * empty line (AbortedError). In raw mode the terminal sends no SIGINT, hence the Ctrl-C check.
 * The terminal is back in cooked mode and `input` paused however this ends.
 */
export function readSecret(input: CliInput & { setRawMode(mode: boolean): unknown }, output: Writable, prompt: string): Promise<string> {
  // Raw mode first: anything typed (or pasted) as soon as the prompt shows must not be echoed.
  input.setRawMode(true);
  output.write(prompt);
  const decoder = new StringDecoder('utf8');
  let value = '';
  return new Promise<string>((resolve, reject) => {
    const finish = (error?: Error) => {
      input.off('data', onData);
      input.setRawMode(false);
      input.pause();
      output.write('\n');
      if (error) reject(error);
      else resolve(value);
    };
    const onData = (chunk: Buffer) => {
      for (const char of decoder.write(chunk)) {
        if (ENTER.has(char)) return finish();
        if (char === CTRL_C || (char === CTRL_D && value === '')) return finish(new AbortedError('passphrase entry'));
        if (BACKSPACE.has(char)) value = [...value].slice(0, -1).join('');
        else if (char === CTRL_U) value = '';
        // An arrow or function key arrives as one escape sequence per chunk; none of it is text.
        else if (char === ESC) break;
        else if (char >= ' ') value += char;
      }
    };
    input.on('data', onData);
    input.resume();
  });
}
