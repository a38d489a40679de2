// Whether a command reads or changes something. For aws the operation's verb decides, with
// everything not known to be a read counted as a write (a wrong "write" only asks for --write; a
// wrong "read" would run a change in read-only mode). Scripts and tools go by their words.
import type {ParsedCommand} from './aws-command.js';
import type {Effect} from './model.js';

const readVerbs = ['describe', 'list', 'get', 'filter', 'simulate', 'lookup', 'search', 'tail', 'validate', 'detect', 'estimate', 'test', 'batch-get', 'query'];

// Reads by name although their verb is not a read verb above.
const readOperations = new Set(['wait', 'help']);

export function awsEffect(operation: string | undefined): Effect {
	if (operation === undefined || operation === '') return 'write';
	if (readOperations.has(operation)) return 'read';
	// execute-command opens a shell in a container, where anything can be changed.
	if (operation === 'execute-command') return 'write';
	return readVerbs.some(verb => operation === verb || operation.startsWith(`${verb}-`)) ? 'read' : 'write';
}

const writeWords = /(^|[^a-z])(deploy|rollback|failover|restore|build|push|tag|create|delete|remove|update|put|apply|migrate|destroy|scale|restart|stop|start|kill|rm|import|attach|detach)([^a-z]|$)/;

export function commandEffect(parsed: ParsedCommand): Effect {
	if (parsed.program === 'aws') return awsEffect(parsed.operation);
	const words = parsed.argv.join(' ').toLowerCase();
	if (parsed.program === 'cdk') return /^(deploy|destroy|bootstrap|import)$/.test(parsed.argv[1] ?? '') ? 'write' : 'read';
	if (parsed.program === 'docker') return /^(build|tag|push|rm|rmi|run|stop|kill|compose)$/.test(parsed.argv[1] ?? '') ? 'write' : 'read';
	if (['cd', 'cat', 'jq', 'diff', 'echo', 'ls', 'grep', 'head', 'tail', 'less', 'curl', 'telnet', 'nc', 'dig', 'top'].includes(parsed.program)) return 'read';
	// deploy-to-ecs.sh with no argument creates the services; `status` only reads.
	if (/deploy-to-ecs\.sh$/.test(parsed.program)) return parsed.positionals[0] === 'status' ? 'read' : 'write';
	return writeWords.test(words) ? 'write' : 'read';
}
