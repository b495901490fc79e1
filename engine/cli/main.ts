// The `aerie` command. JSON on stdout, progress and errors on stderr, non-zero exit on error.
import { Command } from 'commander';
import { ENGINE_VERSION } from '../version.js';
import { registerAuditCommands } from './commands/audit.js';
import { registerCheckCommand } from './commands/check.js';
import { registerChurnCommands } from './commands/churn.js';
import { registerDataCommands } from './commands/data.js';
import { registerDemoCommands } from './commands/demo.js';
import { registerExperimentsCommands } from './commands/experiments.js';
import { registerGoldenCommands } from './commands/golden.js';
import { registerIngestCommands } from './commands/ingest.js';
import { registerProfileCommands } from './commands/profile.js';
import { registerResolveCommands } from './commands/resolve.js';
import { registerSearchCommands } from './commands/search.js';
import { registerServeCommand } from './commands/serve.js';
import { registerWorkspaceCommands } from './commands/workspace.js';
import { fail } from './session.js';

const program = new Command('aerie')
  .description('Aerie: an air-gapped workbench for legacy CRM data. Workspaces are encrypted; nothing leaves this machine.')
  .version(ENGINE_VERSION)
  .showHelpAfterError();

registerWorkspaceCommands(program);
registerDemoCommands(program);
registerIngestCommands(program);
registerProfileCommands(program);
registerDataCommands(program);
registerAuditCommands(program);
registerCheckCommand(program);
registerSearchCommands(program);
registerResolveCommands(program);
registerChurnCommands(program);
registerGoldenCommands(program);
registerExperimentsCommands(program);
registerServeCommand(program);

program.parseAsync(process.argv).catch(fail);
