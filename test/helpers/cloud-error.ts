import {isCloudError, type CloudError} from '../../source/port/errors.js';

/** The CloudError a call fails with; the test fails if it succeeds or throws anything else. */
export async function cloudErrorOf(promise: Promise<unknown>): Promise<CloudError> {
	try {
		await promise;
	} catch (error) {
		if (isCloudError(error)) return error;
		throw new Error(`expected a CloudError, got ${String(error)}`, {cause: error});
	}
	throw new Error('expected the call to fail, it succeeded');
}
