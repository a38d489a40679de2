// Whether a command reads or changes something. For aws the reviewed allowlist decides
// (cli-allowlist.ts via cli-policy.ts): an operation not known to be free of side effects is a
// write, whatever its verb, and so is a command with an environment prefix. Scripts and tools go
// by their words; they are never run by acso-tui, so this only labels them.
import type {ParsedCommand} from './aws-command.js';
import {judgeAwsArgv} from './cli-policy.js';
import type {Effect} from './model.js';

export function awsEffect(parsed: Pick<ParsedCommand, 'argv' | 'env'>): Effect {
	if (Object.keys(parsed.env).length > 0) return 'write';
	return judgeAwsArgv(parsed.argv).kind === 'read' ? 'read' : 'write';
}

const writeWords = /(^|[^a-z])(deploy|rollback|failover|restore|build|push|tag|create|delete|remove|update|put|apply|migrate|destroy|scale|restart|stop|start|kill|rm|import|attach|detach)([^a-z]|$)/;

export function commandEffect(parsed: ParsedCommand): Effect {
	if (parsed.program === 'aws') return awsEffect(parsed);
	const words = parsed.argv.join(' ').toLowerCase();
	if (parsed.program === 'cdk') return /^(deploy|destroy|bootstrap|import)$/.test(parsed.argv[1] ?? '') ? 'write' : 'read';
	if (parsed.program === 'docker') return /^(build|tag|push|rm|rmi|run|stop|kill|compose)$/.test(parsed.argv[1] ?? '') ? 'write' : 'read';
	if (['cd', 'cat', 'jq', 'diff', 'echo', 'ls', 'grep', 'head', 'tail', 'less', 'curl', 'telnet', 'nc', 'dig', 'top'].includes(parsed.program)) return 'read';
	// deploy-to-ecs.sh with no argument creates the services; `status` only reads.
	if (/deploy-to-ecs\.sh$/.test(parsed.program)) return parsed.positionals[0] === 'status' ? 'read' : 'write';
	return writeWords.test(words) ? 'write' : 'read';
}
