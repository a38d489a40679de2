// The `aws ...` twin of each plan is meant to be copied into a shell, so every argument is quoted
// for POSIX sh: values come from AWS and from the engineer, and may hold spaces, quotes or `$(...)`.

const plain = /^[A-Za-z0-9_\-+=.,/:@%]+$/;

export function shellQuote(argument: string): string {
	if (plain.test(argument)) return argument;
	// Inside single quotes nothing is special except the quote itself, which is closed, escaped, reopened.
	return `'${argument.replaceAll("'", `'\\''`)}'`;
}

export function cliLine(argv: readonly string[]): string {
	return argv.map(shellQuote).join(' ');
}
