/**
 * The `coffer` command's entry point, bundled to out/cli/coffer.mjs by scripts/build-cli.mjs. The
 * only place that touches `process`: everything else gets a CliIo.
 */
import { runCli } from './run-cli.js';

// On Node 20 the AWS SDK warns, once per process, that its releases from 2027 will need Node 22: a
// notice for whoever maintains Coffer's dependencies, which would otherwise precede every S3
// command's output. An explicit setting by the user is kept.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const controller = new AbortController();
const interrupt = () => controller.abort();
// `once`: a second Ctrl-C finds no handler and kills the process, for when cleanup itself hangs.
process.once('SIGINT', interrupt);
process.once('SIGTERM', interrupt);
// A reader that went away (`coffer ls | head -1`) is not worth a stack trace; commands that stream
// see the same error through their write callbacks and stop.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
});

const code = await runCli(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
  signal: controller.signal,
});
// After an interrupt, work a command could not cancel may still be running: do not wait for it.
if (controller.signal.aborted) process.exit(code);
process.exitCode = code;
