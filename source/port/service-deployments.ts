// The ECS service-deployments API (ListServiceDeployments, DescribeServiceDeployments,
// StopServiceDeployment), as plain data. Real AWS has it; moto 5.2.1 does not, so every reader of
// it treats CloudError kind 'unsupported' as "this endpoint has none" and falls back to the
// deployments DescribeServices lists.

/** PENDING | IN_PROGRESS | SUCCESSFUL | STOPPED | STOP_REQUESTED | ROLLBACK_REQUESTED | ROLLBACK_IN_PROGRESS | ROLLBACK_SUCCESSFUL | ROLLBACK_FAILED */
export type ServiceDeploymentStatus = string;

export type ServiceDeployment = {
	arn: string;
	cluster: string;
	service: string;
	status: ServiceDeploymentStatus;
	statusReason?: string;
	/** The service revision the deployment rolls out (an ARN), and those it replaces. */
	targetRevisionArn?: string;
	sourceRevisionArns: string[];
	createdAt?: number;
	startedAt?: number;
	finishedAt?: number;
	stoppedAt?: number;
	/** The deployment circuit breaker, when the service has it turned on. */
	circuitBreaker?: {status: string; failureCount: number; threshold: number};
	/** CloudWatch alarms that stop the deployment, when the service names any. */
	alarms?: {status: string; alarmNames: string[]; triggeredAlarmNames: string[]};
	rollback?: {reason?: string; startedAt?: number};
};

export type StopServiceDeploymentType = 'ROLLBACK' | 'ABORT';
