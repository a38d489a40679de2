import {Box, Text} from 'ink';
import type {ScreenModel} from '../shell/screen-model.js';

/** A screen whose issue has not landed yet says what it will hold, so the command line reaches it. */
export function placeholderScreen(title: string, willHold: string): ScreenModel {
	return {
		bindings: [],
		body: (
			<Box flexDirection="column">
				<Text bold>{title}</Text>
				<Text>Coming next: {willHold}</Text>
			</Box>
		),
	};
}
