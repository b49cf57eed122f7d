export { createRemoteProgram, type LocalHooks, REMOTE_HELP, registerRemoteCommands, VERSION } from './program.js';
export { action, CliError, DEFAULT_URL, serverNamed, serverUrl } from './remote.js';
