import {Picker, type PickerProps} from '../components/picker.js';
import {demoEnvironments} from '../config/app-config.js';
import type {AwsProfile} from '../config/aws-profiles.js';
import {clusterRows, databaseRows, environmentRows, profileRows, type PickRow} from '../format/pick-rows.js';
import {sanitize} from '../format/sanitize.js';
import {useClusterChoices, useDatabaseChoices} from '../hooks/use-choices.js';
import type {PollState} from '../hooks/poll-state.js';
import {missingText} from '../model/missing.js';
import {useApp} from './app-context.js';
import {pickerNoun} from './picker-state.js';
import type {PickerKind} from './shell-state.js';

export type PickerLayerProps = {
	kind: PickerKind;
	profiles: readonly AwsProfile[];
	width: number;
	height: number;
	onPick(kind: PickerKind, value: string): void;
	onClose(): void;
	onHelp(): void;
};

/** The picker over the screen, by what it lists: the account's clusters or databases, the environments, the profiles. */
export function PickerLayer(props: PickerLayerProps) {
	switch (props.kind) {
		case 'cluster':
			return <ClusterPicker {...props} />;
		case 'db':
			return <DatabasePicker {...props} />;
		case 'env':
			return <EnvironmentPicker {...props} />;
		case 'profile':
			return <ProfilePicker {...props} />;
	}
}

function common(props: PickerLayerProps): Pick<PickerProps, 'noun' | 'width' | 'height' | 'onClose' | 'onPick' | 'onHelp'> {
	return {noun: pickerNoun[props.kind], width: props.width, height: props.height, onClose: props.onClose, onHelp: props.onHelp, onPick: value => props.onPick(props.kind, value)};
}

function messageOf(state: PollState<unknown>, rows: readonly PickRow[], empty: string): PickerProps['message'] {
	if (rows.length > 0) return undefined;
	if (state.status === 'loading') return {text: 'loading…', tone: 'muted'};
	if (state.error) return {text: sanitize(state.error.message), tone: 'bad'};
	return {text: empty, tone: 'muted'};
}

function ClusterPicker(props: PickerLayerProps) {
	const {config, cloud} = useApp();
	const choices = useClusterChoices();
	const rows = clusterRows(choices.data ?? [], config.names.cluster);
	const where = config.mode === 'demo' ? 'the simulated account' : sanitize(cloud.region);
	const lines = [sanitize(`${missingText('cluster', config)}. Clusters in ${where}:`), 'The one picked is shown for this run; --cluster or the config file decide at the next start.'];
	return <Picker lines={lines} rows={rows} message={messageOf(choices, rows, `no clusters in ${where}`)} {...common(props)} />;
}

function DatabasePicker(props: PickerLayerProps) {
	const {config, cloud} = useApp();
	const choices = useDatabaseChoices();
	const rows = databaseRows(choices.data ?? [], config.names.db);
	const where = config.mode === 'demo' ? 'the simulated account' : sanitize(cloud.region);
	const lines = [sanitize(`${missingText('db', config)}. DB instances in ${where}:`), 'The one picked is shown for this run; --db or the config file decide at the next start.'];
	return <Picker lines={lines} rows={rows} message={messageOf(choices, rows, `no DB instances in ${where}`)} {...common(props)} />;
}

function EnvironmentPicker(props: PickerLayerProps) {
	const {config} = useApp();
	const rows = environmentRows(config, demoEnvironments);
	const lines = [
		config.mode === 'demo' ? 'Environments of the simulated account:' : 'Environments of the config file (or type :ctx NAME for any other):',
		'Every panel reloads there; write mode and the production rule follow the environment.',
	];
	return <Picker lines={lines} rows={rows} {...common(props)} />;
}

function ProfilePicker(props: PickerLayerProps) {
	const {config} = useApp();
	const rows = profileRows(props.profiles, config.profile);
	const lines = ['Profiles of the AWS config file ($AWS_CONFIG_FILE or ~/.aws/config):', 'Switching makes new AWS clients with that profile’s credentials.'];
	return <Picker lines={lines} rows={rows} message={rows.length === 0 ? {text: 'no profiles found in the AWS config file', tone: 'muted'} : undefined} {...common(props)} />;
}

