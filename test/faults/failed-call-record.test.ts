import {describe, expect, it} from 'vitest';
import {createWarningLog, isFailedCallRecord} from '../../source/aws/clients.js';

// The SDK's record of a failed command is not a warning: the failure is already the panel's state
// (found by the fault suite: such records surfaced as raw JSON notices on every failed poll).

describe('the AWS warning log', () => {
	it('drops the SDK logger middleware\'s failure records', () => {
		const log = createWarningLog();
		const error = Object.assign(new Error('Rate exceeded'), {name: 'ThrottlingException', $fault: 'client'});
		const record = {clientName: 'ECSClient', commandName: 'ListServicesCommand', input: {cluster: 'c'}, error, metadata: {httpStatusCode: 400}};
		expect(isFailedCallRecord(record)).toBe(true);
		log.logger.error(record);
		expect(log.list()).toEqual([]);
	});

	it('keeps real warnings and errors that are not a failed call', () => {
		const log = createWarningLog();
		log.logger.warn('Multiple credential sources detected');
		log.logger.error(new Error('boom'));
		log.logger.error({message: 'an object, but no command'});
		expect(log.list()).toHaveLength(3);
		expect(log.list()[0]).toContain('Multiple credential sources');
	});
});
