import type {PollState} from '../hooks/poll-state.js';
import type {Discovery} from './discover.js';
import type {StreamMapper} from './stream-source.js';

/** What the shell hands every screen of the discovery: its poll, and the stream -> source mapping. */
export type DiscoveryState = {
	poll: PollState<Discovery>;
	/** Which service, container, task and revision wrote a stream; undefined until discovered. */
	sourceOf: StreamMapper;
};
