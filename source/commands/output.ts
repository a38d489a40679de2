// Writing to stdout from a subcommand: `acso-tui logs | head` closes the pipe early, and that is
// the reader being done, not a failure: exit 0 quietly (Node ignores SIGPIPE and reports EPIPE).

export function exitQuietlyOnClosedPipe(stream: NodeJS.WriteStream, exit: (code: number) => void): void {
	stream.on('error', (error: NodeJS.ErrnoException) => {
		if (error.code === 'EPIPE') exit(0);
		else throw error;
	});
}

/** One line for stderr: the message without its own line breaks. */
export function oneLine(text: string): string {
	return text.replace(/\s*\n\s*/g, ' ').trim();
}
