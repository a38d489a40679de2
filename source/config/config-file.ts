import {readFileSync} from 'node:fs';
import {homedir} from 'node:os';
import path from 'node:path';
import {sanitize} from '../format/sanitize.js';
import {limits} from './limits.js';

// The optional config file, for teams whose names differ from acso-{env}-*. Documented in README.md.
export type EnvironmentConfig = {
	cluster?: string;
	logGroups?: string[];
	db?: string;
	region?: string;
	profile?: string;
	alarmNames?: string[];
};

export type FileConfig = {
	productionEnvironments?: string[];
	refreshSeconds?: number;
	logBufferLines?: number;
	environments?: Record<string, EnvironmentConfig>;
};

export function configFilePath(env: NodeJS.ProcessEnv): string {
	const base = env.XDG_CONFIG_HOME && env.XDG_CONFIG_HOME !== '' ? env.XDG_CONFIG_HOME : path.join(env.HOME ?? homedir(), '.config');
	return path.join(base, 'acso-tui', 'config.json');
}

export type FileConfigResult = {ok: true; config: FileConfig; path?: string} | {ok: false; error: string};

/**
 * Reads and validates the config file. A missing file is an empty config; a broken one is an error,
 * one printable line (a key or path holding control characters is shown escaped, never obeyed).
 */
export function loadFileConfig(file: string): FileConfigResult {
	const result = readFileConfig(file);
	return result.ok ? result : {ok: false, error: sanitize(result.error)};
}

function readFileConfig(file: string): FileConfigResult {
	let text: string;
	try {
		text = readFileSync(file, 'utf8');
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {ok: true, config: {}};
		return {ok: false, error: `cannot read config file ${file}: ${(error as Error).message}`};
	}
	let raw: unknown;
	try {
		raw = JSON.parse(text);
	} catch (error) {
		return {ok: false, error: `config file ${file} is not valid JSON: ${(error as Error).message}`};
	}
	const problem = validateFileConfig(raw);
	if (problem) return {ok: false, error: `config file ${file}: ${problem}`};
	return {ok: true, config: raw as FileConfig, path: file};
}

const isStringList = (v: unknown): v is string[] => Array.isArray(v) && v.every(s => typeof s === 'string' && s.length > 0);
const nonEmpty = (v: unknown) => typeof v === 'string' && v.trim().length > 0;

function checkRange(name: string, v: unknown, range: {min: number; max: number}): string | undefined {
	if (v === undefined) return undefined;
	if (typeof v !== 'number' || !Number.isInteger(v) || v < range.min || v > range.max) {
		return `"${name}" must be a whole number from ${range.min} to ${range.max}, got ${JSON.stringify(v)}`;
	}
	return undefined;
}

/** The first thing wrong with a parsed config, in words, or undefined when it is usable. */
export function validateFileConfig(raw: unknown): string | undefined {
	if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return 'must be a JSON object';
	const c = raw as Record<string, unknown>;
	const known = new Set(['productionEnvironments', 'refreshSeconds', 'logBufferLines', 'environments']);
	const unknown = Object.keys(c).filter(k => !known.has(k));
	if (unknown.length > 0) return `unknown key "${unknown[0]}" (known: ${[...known].join(', ')})`;
	if (c.productionEnvironments !== undefined && !isStringList(c.productionEnvironments)) {
		return '"productionEnvironments" must be a list of environment names';
	}
	const range = checkRange('refreshSeconds', c.refreshSeconds, limits.refreshSeconds) ?? checkRange('logBufferLines', c.logBufferLines, limits.logBufferLines);
	if (range) return range;
	if (c.environments === undefined) return undefined;
	if (typeof c.environments !== 'object' || c.environments === null || Array.isArray(c.environments)) {
		return '"environments" must be an object keyed by environment name';
	}
	const envKeys = new Set(['cluster', 'logGroups', 'db', 'region', 'profile', 'alarmNames']);
	for (const [name, value] of Object.entries(c.environments)) {
		if (typeof value !== 'object' || value === null || Array.isArray(value)) return `environments.${name} must be an object`;
		const e = value as Record<string, unknown>;
		const bad = Object.keys(e).find(k => !envKeys.has(k));
		if (bad) return `environments.${name}: unknown key "${bad}" (known: ${[...envKeys].join(', ')})`;
		for (const k of ['cluster', 'db', 'region', 'profile']) {
			if (e[k] !== undefined && !nonEmpty(e[k])) return `environments.${name}.${k} must be a non-empty string`;
		}
		for (const k of ['logGroups', 'alarmNames']) {
			if (e[k] !== undefined && !isStringList(e[k])) return `environments.${name}.${k} must be a list of names`;
		}
	}
	return undefined;
}
