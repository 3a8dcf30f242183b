/**
 * Imported first: the contract's schemas check input in the page too, and zod would probe
 * `new Function` to compile them, which the CSP refuses (and reports). Interpreted parsing is fast
 * enough for a form.
 */
import { config } from 'zod';

config({ jitless: true });
