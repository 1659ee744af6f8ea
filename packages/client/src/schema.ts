// Generated from the API's OpenAPI document by scripts/generate-client.ts (npm run generate:client); do not edit.

export interface paths {
    "/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Exchange an API key for the dashboard cookie */
        post: operations["login"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Forget the dashboard cookie */
        post: operations["logout"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/whoami": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The key this request presents: its project and role */
        get: operations["whoAmI"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/datasets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** GET /datasets */
        get: operations["listDatasets"];
        put?: never;
        /** POST /datasets */
        post: operations["uploadDataset"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/datasets/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** GET /datasets/:id */
        get: operations["getDataset"];
        put?: never;
        post?: never;
        /** DELETE /datasets/:id */
        delete: operations["deleteDataset"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** GET /health */
        get: operations["getHealth"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Prometheus metrics: queue depth, trials by state, epochs trained, samples/s, API latency */
        get: operations["getMetrics"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ready": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** GET /ready */
        get: operations["getReadiness"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sweeps": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** GET /sweeps */
        get: operations["listSweeps"];
        put?: never;
        /** POST /sweeps */
        post: operations["createSweep"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sweeps/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** GET /sweeps/:id */
        get: operations["getSweep"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** PATCH /sweeps/:id */
        patch: operations["updateSweep"];
        trace?: never;
    };
    "/sweeps/{id}/best": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** GET /sweeps/:id/best */
        get: operations["getBestTrial"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sweeps/{id}/best/model": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The best trial's trained model as a tar (best by ?metric, default the sweep objective) */
        get: operations["downloadBestModel"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sweeps/{id}/best/predict": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Predict classes with the sweep's best model
         * @description Body {"images": [...]}: 1 to 256 images of the shape the model trained on (H x W x C; MNIST and Fashion-MNIST: 28x28 grey, white digit on black). Each is H*W*C numbers, row-major in height, width, channel order (as the upload formats store them), H rows of W numbers (one channel) or of W arrays of C numbers, or, for a model of a uint8 dataset of 1, 3 or 4 channels, a base64 PNG of W x H (1 channel: luminance; 3: RGB; transparency over black; 4: RGBA as stored). Values are integers 0..255 for a uint8 dataset (scaled by 1/255, as in training), finite numbers for a float32 one (used as they are). Answers each image's class probabilities (one per class) and predicted class (`digit`, 0..classes-1). metadata.json of the model (GET /trials/{id}/model) says its input: input.imageShape, input.dtype.
         */
        post: operations["predictWithBest"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sweeps/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** POST /sweeps/:id/cancel */
        post: operations["cancelSweep"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sweeps/{id}/epochs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every epoch of every trial of the sweep, grouped by trial (learning curves) */
        get: operations["listSweepEpochs"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sweeps/{id}/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Live events of a sweep (text/event-stream): trial, epoch and sweep events; resumable with Last-Event-ID */
        get: operations["streamSweepEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sweeps/{id}/importance": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Each searched parameter's importance for the objective (fANOVA over a random forest of the completed trials) */
        get: operations["getSweepImportance"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sweeps/{id}/path": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** GET /sweeps/:id/path */
        get: operations["getSweepPath"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sweeps/{id}/pause": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** POST /sweeps/:id/pause */
        post: operations["pauseSweep"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sweeps/{id}/resume": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** POST /sweeps/:id/resume */
        post: operations["resumeSweep"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sweeps/{id}/spec": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** GET /sweeps/:id/spec */
        get: operations["getSweepSpec"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sweeps/{id}/stop": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** POST /sweeps/:id/stop */
        post: operations["stopSweep"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sweeps/{id}/table": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The results table as JSON columns and rows (what the dashboard shows) */
        get: operations["getResultsTable"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sweeps/{id}/table.md": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The results table in Markdown, as in the seed study */
        get: operations["getResultsMarkdown"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sweeps/{id}/timeline": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every attempt of the sweep's trials: worker, claim and end times, outcome (the dashboard's timeline) */
        get: operations["getSweepTimeline"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sweeps/{id}/trials": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** GET /sweeps/:id/trials */
        get: operations["listSweepTrials"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sweeps/{id}/trials.csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The results table as CSV (the seed's columns, one row per trial) */
        get: operations["exportTrialsCsv"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sweeps/{id}/trials.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every trial with its variant, result and learning curve, as one JSON document */
        get: operations["exportTrialsJson"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/trials/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** GET /trials/:id */
        get: operations["getTrial"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/trials/{id}/epochs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** GET /trials/:id/epochs */
        get: operations["listTrialEpochs"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/trials/{id}/logs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** GET /trials/:id/logs */
        get: operations["getTrialLogs"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/trials/{id}/logs/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A program trial's output, live (text/event-stream) */
        get: operations["streamTrialLogs"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/trials/{id}/model": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The trial's trained model (best-validation weights) as a tar: model.json, weights.bin, metadata.json, modelspace-layers.js */
        get: operations["downloadTrialModel"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/trials/{id}/model/model.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The trial's model.json, for tf.loadLayersModel over HTTP */
        get: operations["getTrialModelJson"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/trials/{id}/model/weights.bin": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The trial's weights.bin (checksum-verified) */
        get: operations["getTrialModelWeights"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/trials/{id}/predict": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Predict classes with the trial's trained model
         * @description Body {"images": [...]}: 1 to 256 images of the shape the model trained on (H x W x C; MNIST and Fashion-MNIST: 28x28 grey, white digit on black). Each is H*W*C numbers, row-major in height, width, channel order (as the upload formats store them), H rows of W numbers (one channel) or of W arrays of C numbers, or, for a model of a uint8 dataset of 1, 3 or 4 channels, a base64 PNG of W x H (1 channel: luminance; 3: RGB; transparency over black; 4: RGBA as stored). Values are integers 0..255 for a uint8 dataset (scaled by 1/255, as in training), finite numbers for a float32 one (used as they are). Answers each image's class probabilities (one per class) and predicted class (`digit`, 0..classes-1). metadata.json of the model (GET /trials/{id}/model) says its input: input.imageShape, input.dtype.
         */
        post: operations["predictWithTrial"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/workers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** GET /workers */
        get: operations["listWorkers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** @description The best trial by a metric, or null with the reason. */
        Best: {
            /** @description The epoch the value belongs to */
            epoch?: number | null;
            /** @description The trial's learning curve */
            epochs?: components["schemas"]["Epoch"][];
            metric: string;
            /** @description Why there is no best trial yet */
            reason?: string;
            strategy: string;
            /** @description UUID */
            sweepId: string;
            trial: components["schemas"]["Trial"] | null;
            value: number | null;
            variant?: {
                model: unknown;
                name: string;
                training: unknown;
            };
        };
        Dataset: {
            classNames: string[] | null;
            counts: {
                test: number;
                train: number;
                val: number;
            };
            /** @description ISO 8601 timestamp */
            createdAt: string;
            /** @enum {string} */
            dtype: "uint8" | "float32";
            /** @description UUID */
            id: string;
            name: string;
            /** @description sha256 of the stored dataset blob (content address) */
            sha256: string;
            shape: {
                channels: number;
                classes: number;
                height: number;
                width: number;
            };
            sizeBytes: number;
            /** @enum {string} */
            storage: "directory" | "postgres";
            /** @description How many sweeps name it (it can be deleted only at 0) */
            sweeps: number;
        };
        DatasetDeleted: {
            /** @constant */
            deleted: true;
            id: string;
            name: string;
        };
        DatasetList: {
            items: components["schemas"]["Dataset"][];
        };
        DatasetUploadInput: {
            /** @description The number of classes: labels are 0..classes-1. Or give classNames. */
            classes?: number;
            /** @description The class names in label order, comma-separated or as a JSON array ("cat,dog" or ["cat","dog"]). */
            classNames?: string;
            /** @description Unique in the project; what a sweep names in training.dataset. */
            name: string;
            /** @description Without test files: this fraction of the training arrays, from their end, is the test split (default 0.1). */
            testFraction?: number;
            /** Format: binary */
            testImages?: string;
            /** Format: binary */
            testLabels?: string;
            /**
             * Format: binary
             * @description N×H×W (grey) or N×H×W×C images, uint8 or float32: an IDX or .npy file, optionally gzipped.
             */
            trainImages: string;
            /**
             * Format: binary
             * @description N class indices (uint8 or another integer type).
             */
            trainLabels: string;
            /** @description Without validation files: this fraction of the training arrays, from their end, is the validation split (default 0.1). */
            validationFraction?: number;
            /** Format: binary */
            valImages?: string;
            /** Format: binary */
            valLabels?: string;
        };
        /** @description What a definition expands to; nothing is created. */
        DryRun: {
            budget: {
                maxConcurrentTrials: number | null;
                maxDurationSeconds: number | null;
                maxFailedTrials: number | null;
                maxTrials: number | null;
            };
            /** @constant */
            dryRun: true;
            method: string;
            proposals: {
                model: unknown;
                name: string;
                order: number;
                training: unknown;
            }[];
            /** @description Trials the definition expands to; null when it depends on results */
            trials: number | null;
        };
        /** @description The metrics of one trained epoch. */
        Epoch: {
            /** @description ISO 8601 timestamp */
            createdAt: string;
            durationMs: number;
            epoch: number;
            samplesPerSec: number | null;
            /** @description null when a program trial does not report it */
            trainError: number | null;
            trainLoss: number | null;
            /** @description UUID */
            trialId: string;
            valError: number | null;
            valLoss: number | null;
        };
        /** @description Every error: a stable code, a message, and each bad field with its reason. */
        Error: {
            error: {
                /** @description Stable error code: INVALID_SPEC, INVALID_REQUEST, NOT_FOUND, CONFLICT, UNAUTHENTICATED, FORBIDDEN, RATE_LIMITED, TOO_LARGE, UNSUPPORTED_MEDIA_TYPE, URI_TOO_LONG, DATABASE_UNAVAILABLE, QUEUE_UNAVAILABLE, UNAVAILABLE, INTERNAL */
                code: string;
                issues?: {
                    /** @description Dotted path of the field ("variants.1.model.kind"); "" or "(body)" for the whole body */
                    field: string;
                    reason: string;
                }[];
                message: string;
            };
        };
        /** @description Each parameter's importance for the sweep objective, or why there is none yet. */
        Importance: {
            /** @description Pairs of parameters, largest joint effect first */
            interactions: {
                a: string;
                b: string;
                label: string;
                /** @description Share of the objective's variance the pair explains beyond their main effects */
                share: number;
            }[];
            /**
             * @description fANOVA over a random forest (as Optuna's default evaluator)
             * @constant
             */
            method?: "fanova";
            /** @description Trials needed for an answer */
            minimum?: number;
            /** @description The metric the importance is for (the sweep objective) */
            objective: string;
            /** @description Most important first */
            parameters: {
                /** @description Main-effect share normalised over the parameters (sums to 1); Optuna's number */
                importance: number;
                /** @description As the search names trials ("activation") */
                label: string;
                /** @description Share of the objective's variance the parameter explains alone */
                mainEffect: number;
                /** @description Parameter path ("model.activation") */
                name: string;
                /** @description Standard deviation of that share over the trees */
                std: number;
            }[];
            /** @description Why there are no numbers */
            reason?: string;
            seed?: number;
            /**
             * @description "too-few-trials": fewer completed trials than `minimum`, so no numbers (a forest over them would fit noise)
             * @enum {string}
             */
            status: "ok" | "too-few-trials" | "nothing-varies";
            trees?: number;
            /** @description Completed trials with a value of the objective */
            trials: number;
            /** @description Trials the forest was fitted to (a seeded sample of at most 500) */
            used?: number;
        };
        /** @description The path through model space: each trial and the one it was derived from. */
        ModelSpacePath: {
            edges: {
                changes: unknown;
                /** @description UUID */
                from: string;
                label: string;
                /** @description UUID */
                to: string;
            }[];
            method: string;
            metric: string;
            nodes: {
                /** @description UUID */
                id: string;
                metric: number | null;
                name: string;
                order: number;
                state: string;
                variant: unknown;
            }[];
            order: string[];
            /** @description UUID */
            sweepId: string;
        };
        /** @description Each image's class probabilities (10 on MNIST) and predicted class. */
        Predictions: {
            predictions: {
                /** @description The predicted class, 0..classes-1 (a digit on MNIST) */
                digit: number;
                /** @description One per class, in class order */
                probabilities: number[];
            }[];
            sha256: string;
            /** @description UUID */
            trialId: string;
        };
        /** @description 1 to 256 images of the shape the model trained on (H x W x C; MNIST: 28x28 grey, 784 integers 0..255). uint8 values are scaled by 1/255 and float32 values used as they are, as in training. */
        PredictRequestInput: {
            images: (number[] | number[][] | number[][][] | string)[];
        };
        /** @description A sweep: its state, budget and trial counts (the definition only with ?include=spec). */
        Sweep: {
            /** @description ISO 8601 timestamp */
            createdAt: string;
            description: string | null;
            finishedAt: string | null;
            goal: string;
            /** @description UUID */
            id: string;
            maxConcurrentTrials: number | null;
            maxDurationSeconds: number | null;
            maxFailedTrials: number | null;
            maxTrials: number | null;
            method: string;
            name: string;
            objective: string;
            /** @description UUID */
            projectId: string;
            startedAt: string | null;
            /** @enum {string} */
            status: "queued" | "running" | "completed" | "failed" | "cancelled" | "paused" | "stopping" | "stopped";
            statusReason: string | null;
            trialCounts: components["schemas"]["TrialCounts"];
            /** @description ISO 8601 timestamp */
            updatedAt: string;
        };
        /** @description The sweep definition as validated, defaults filled in. */
        SweepDefinition: {
            name: string;
        };
        /** @description Where a sweep's time went: one entry per trial attempt. */
        Timeline: {
            /** @description In the order they started */
            attempts: {
                /** @description The trial's attempt number (1 for its first claim; above 1 it resumed from its checkpoint when it had one) */
                attempt: number;
                /** @description null while it runs */
                endedAt: string | null;
                index: number;
                name: string;
                /** @description completed, pruned, failed, cancelled, retried (failed and tried again), handed back (its worker shut down), lost (its worker died); null while it runs */
                outcome: string | null;
                /** @description When the worker claimed the trial */
                startedAt: string;
                /** @description UUID */
                trialId: string;
                trialStatus: string;
                workerId: string | null;
            }[];
            /** @description The server's time: an attempt still running ends here */
            now: string;
            /** @description UUID */
            sweepId: string;
        };
        /** @description One trial: its variant, state and result. */
        Trial: {
            attempts: number;
            backend: string | null;
            bestEpoch: number | null;
            bestValError: number | null;
            bestValLoss: number | null;
            /** @description ISO 8601 timestamp */
            createdAt: string;
            durationMs: number | null;
            epochsRun: number | null;
            error: string | null;
            finishedAt: string | null;
            /** @description UUID */
            id: string;
            index: number;
            model: unknown;
            name: string;
            /** @description The search parameters that chose it (null for explicit variants) */
            params: unknown;
            parentId: string | null;
            pool: string;
            startedAt: string | null;
            /** @enum {string} */
            status: "queued" | "running" | "completed" | "failed" | "cancelled" | "pruned";
            stopReason: string | null;
            /** @description UUID */
            sweepId: string;
            testError: number | null;
            testLoss: number | null;
            training: unknown;
            workerId: string | null;
        };
        /** @description Trials by state, and total. */
        TrialCounts: {
            [key: string]: number;
        };
        /** @description A program trial's captured output. */
        TrialLog: {
            /** @description Older lines not kept (the log is bounded, PROGRAM_LOG_BYTES) */
            droppedLines: number;
            /** @description True once the attempt that wrote it has ended */
            final: boolean;
            /** @description The program's newest output lines: stdout as is, stderr and modelspace's own notes marked [stderr] and [modelspace] */
            text: string;
            /** @description UUID */
            trialId: string;
            updatedAt: string | null;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    login: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description An API key (ms_…) */
                    key: string;
                };
            };
        };
        responses: {
            /** @description The dashboard cookie is set */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        prefix: string | null;
                        /** @description UUID */
                        projectId: string;
                        role: string;
                    };
                };
            };
            /** @description Bad input: each bad field with its reason (INVALID_SPEC, INVALID_REQUEST) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No API key, or one unknown or revoked (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body larger than BODY_LIMIT_BYTES (TOO_LARGE) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A body media type the API does not read (UNSUPPORTED_MEDIA_TYPE) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Over the per-key request rate, with Retry-After (RATE_LIMITED) */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Postgres or Redis unavailable, with Retry-After (DATABASE_UNAVAILABLE, QUEUE_UNAVAILABLE) */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    logout: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The dashboard cookie is cleared */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        ok: true;
                    };
                };
            };
            /** @description Bad input: each bad field with its reason (INVALID_SPEC, INVALID_REQUEST) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body larger than BODY_LIMIT_BYTES (TOO_LARGE) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A body media type the API does not read (UNSUPPORTED_MEDIA_TYPE) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    whoAmI: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The key this request presents */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        auth: string;
                        prefix: string | null;
                        project: string | null;
                        /** @description UUID */
                        projectId: string;
                        role: string;
                    };
                };
            };
            /** @description No API key, or one unknown or revoked (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Over the per-key request rate, with Retry-After (RATE_LIMITED) */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Postgres or Redis unavailable, with Retry-After (DATABASE_UNAVAILABLE, QUEUE_UNAVAILABLE) */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listDatasets: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The project's uploaded datasets, newest first */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DatasetList"];
                };
            };
            /** @description No API key, or one unknown or revoked (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Over the per-key request rate, with Retry-After (RATE_LIMITED) */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Postgres or Redis unavailable, with Retry-After (DATABASE_UNAVAILABLE, QUEUE_UNAVAILABLE) */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    uploadDataset: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "multipart/form-data": components["schemas"]["DatasetUploadInput"];
            };
        };
        responses: {
            /** @description The dataset was stored (Location: /datasets/{id}) */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Dataset"];
                };
            };
            /** @description Bad input: each bad field with its reason (INVALID_SPEC, INVALID_REQUEST) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No API key, or one unknown or revoked (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A read key on a route that changes something (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not in a state that allows this (CONFLICT): a dataset of this name exists in the project */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body larger than BODY_LIMIT_BYTES (TOO_LARGE) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A body media type the API does not read (UNSUPPORTED_MEDIA_TYPE) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Over the per-key request rate, with Retry-After (RATE_LIMITED) */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Postgres or Redis unavailable, with Retry-After (DATABASE_UNAVAILABLE, QUEUE_UNAVAILABLE) */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getDataset: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The dataset's id or its name */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One dataset, by id or name */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Dataset"];
                };
            };
            /** @description Bad input: each bad field with its reason (INVALID_SPEC, INVALID_REQUEST) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No API key, or one unknown or revoked (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such sweep or trial in the key's project, or nothing of it yet (NOT_FOUND) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A path segment too long to be an id (URI_TOO_LONG) */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Over the per-key request rate, with Retry-After (RATE_LIMITED) */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Postgres or Redis unavailable, with Retry-After (DATABASE_UNAVAILABLE, QUEUE_UNAVAILABLE) */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    deleteDataset: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The dataset's id or its name */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The dataset and (when no other names it) its stored blob are gone */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DatasetDeleted"];
                };
            };
            /** @description Bad input: each bad field with its reason (INVALID_SPEC, INVALID_REQUEST) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No API key, or one unknown or revoked (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A read key on a route that changes something (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such sweep or trial in the key's project, or nothing of it yet (NOT_FOUND) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not in a state that allows this (CONFLICT): a sweep names the dataset */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A path segment too long to be an id (URI_TOO_LONG) */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Over the per-key request rate, with Retry-After (RATE_LIMITED) */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Postgres or Redis unavailable, with Retry-After (DATABASE_UNAVAILABLE, QUEUE_UNAVAILABLE) */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getHealth: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The process is up */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "ok";
                    };
                };
            };
        };
    };
    getMetrics: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Prometheus text exposition format 0.0.4 */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/plain": string;
                };
            };
            /** @description No API key, or one unknown or revoked (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Over the per-key request rate, with Retry-After (RATE_LIMITED) */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Postgres or Redis unavailable, with Retry-After (DATABASE_UNAVAILABLE, QUEUE_UNAVAILABLE) */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getReadiness: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Postgres and Redis answer */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        postgres: boolean;
                        redis: boolean;
                        /** @enum {string} */
                        status: "ready" | "unavailable";
                    };
                };
            };
            /** @description Postgres or Redis does not answer (with Retry-After) */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        postgres: boolean;
                        redis: boolean;
                        /** @enum {string} */
                        status: "ready" | "unavailable";
                    };
                };
            };
        };
    };
    listSweeps: {
        parameters: {
            query?: {
                /** @description At most this many items */
                limit?: number;
                /** @description Skip this many items */
                offset?: number;
                /** @description Sort direction */
                order?: "asc" | "desc";
                /** @description Sort key (default createdAt, newest first) */
                sort?: "createdAt" | "name" | "status" | "startedAt" | "finishedAt";
                /** @description Only sweeps in this state */
                status?: "queued" | "running" | "completed" | "failed" | "cancelled" | "paused" | "stopping" | "stopped";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of sweeps */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            bestValError: number | null;
                            /** @description ISO 8601 timestamp */
                            createdAt: string;
                            description: string | null;
                            finishedAt: string | null;
                            goal: string;
                            /** @description UUID */
                            id: string;
                            maxConcurrentTrials: number | null;
                            maxDurationSeconds: number | null;
                            maxFailedTrials: number | null;
                            maxTrials: number | null;
                            method: string;
                            name: string;
                            objective: string;
                            /** @description UUID */
                            projectId: string;
                            startedAt: string | null;
                            /** @enum {string} */
                            status: "queued" | "running" | "completed" | "failed" | "cancelled" | "paused" | "stopping" | "stopped";
                            statusReason: string | null;
                            trialCounts: components["schemas"]["TrialCounts"];
                            /** @description ISO 8601 timestamp */
                            updatedAt: string;
                        }[];
                        limit: number;
                        offset: number;
                        /** @enum {string} */
                        order: "asc" | "desc";
                        sort: string;
                        total: number;
                    };
                };
            };
            /** @description Bad input: each bad field with its reason (INVALID_SPEC, INVALID_REQUEST) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No API key, or one unknown or revoked (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Over the per-key request rate, with Retry-After (RATE_LIMITED) */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Postgres or Redis unavailable, with Retry-After (DATABASE_UNAVAILABLE, QUEUE_UNAVAILABLE) */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    createSweep: {
        parameters: {
            query?: {
                dryRun?: "0" | "1" | "true" | "false";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @default {} */
                    budget?: {
                        /** @description Trials queued or running at once, across all workers (default: 2 for tpe, else no limit). null: no limit. */
                        maxConcurrentTrials?: number | null;
                        /** @description No new trial starts after this long from creation: queued trials are dropped then, running ones finish. null: no limit. */
                        maxDurationSeconds?: number | null;
                        /** @description The sweep fails when more trials than this have failed. null: no limit. */
                        maxFailedTrials?: number | null;
                        /** @description Trials the sweep may create in all (default: 20 for random and tpe, else until the method is exhausted). null: no limit. */
                        maxTrials?: number | null;
                    };
                    description?: string;
                    /**
                     * @description How variants are chosen: "list" trains the given variants in order; grid, random, tpe and walk search `space`.
                     * @default list
                     * @enum {string}
                     */
                    method?: "list" | "grid" | "random" | "tpe" | "walk";
                    name: string;
                    /**
                     * @default {
                     *       "metric": "valError",
                     *       "goal": "minimize"
                     *     }
                     */
                    objective?: {
                        /**
                         * @default minimize
                         * @enum {string}
                         */
                        goal?: "minimize" | "maximize";
                        /**
                         * @default valError
                         * @enum {string}
                         */
                        metric?: "valError" | "testError" | "valLoss";
                        /** @description The sweep ends once a trial reaches this value: queued trials are dropped, running ones finish. */
                        target?: number;
                    };
                    /**
                     * @default {
                     *       "type": "none"
                     *     }
                     */
                    pruner?: {
                        /** @enum {string} */
                        type: "none";
                    } | {
                        /**
                         * @description First rung (r).
                         * @default 1
                         */
                        minEpochs?: number;
                        /**
                         * @description η: the top 1/η go on at each rung.
                         * @default 3
                         */
                        reductionFactor?: number;
                        /** @enum {string} */
                        type: "asha";
                    } | {
                        /** @default 3 */
                        minTrials?: number;
                        /** @enum {string} */
                        type: "median";
                        /** @default 1 */
                        warmupEpochs?: number;
                    };
                    /** @description What every trial needs (its worker pool); a variant may say otherwise. */
                    resources?: {
                        /**
                         * @description The worker pool that trains it: "gpu" trials wait for a worker serving gpu (WORKER_POOLS), "cpu" (the default) for one serving cpu.
                         * @enum {string}
                         */
                        pool: "cpu" | "gpu";
                    };
                    /**
                     * @default {
                     *       "seed": 0,
                     *       "startupTrials": 5,
                     *       "candidates": 64
                     *     }
                     */
                    search?: {
                        /**
                         * @description tpe: candidates scored per proposal, at least: a space of more than 5 parameters draws 12.8 per parameter (128 at 10).
                         * @default 64
                         */
                        candidates?: number;
                        /** @description tpe: fraction of trials counted as good (default: Optuna's schedule, the best 10% up to 25). */
                        gamma?: number;
                        /**
                         * @description Seeds random and tpe proposals.
                         * @default 0
                         */
                        seed?: number;
                        /**
                         * @description tpe: random proposals before the model is used.
                         * @default 5
                         */
                        startupTrials?: number;
                    };
                    /** @description What grid, random, tpe and walk search. */
                    space?: {
                        /**
                         * @description The variant every proposal starts from; parameters override its fields.
                         * @default {}
                         */
                        base?: {
                            model?: Record<string, never>;
                            training?: Record<string, never>;
                        };
                        /** @description Parameter path → distribution, in the order they are decided. */
                        parameters: {
                            [key: string]: {
                                /** @enum {string} */
                                type: "fixed";
                                value: string | number | boolean | null | (string | number | boolean | {
                                    [key: string]: string | number | boolean | null;
                                })[] | {
                                    [key: string]: string | number | boolean | null;
                                };
                                /** @description Condition: {"model.kind": ["convnet"]} makes the parameter exist only for conv nets. */
                                when?: {
                                    [key: string]: (string | number | boolean | null)[];
                                };
                            } | {
                                /** @description Where a walk starts (default: the first value). */
                                start?: string | number | boolean | null | (string | number | boolean | {
                                    [key: string]: string | number | boolean | null;
                                })[] | {
                                    [key: string]: string | number | boolean | null;
                                };
                                /** @enum {string} */
                                type: "categorical";
                                values: (string | number | boolean | null | (string | number | boolean | {
                                    [key: string]: string | number | boolean | null;
                                })[] | {
                                    [key: string]: string | number | boolean | null;
                                })[];
                                /** @description Condition: {"model.kind": ["convnet"]} makes the parameter exist only for conv nets. */
                                when?: {
                                    [key: string]: (string | number | boolean | null)[];
                                };
                            } | {
                                /** @default false */
                                log?: boolean;
                                max: number;
                                min: number;
                                start?: number;
                                /** @default 1 */
                                step?: number;
                                /** @enum {string} */
                                type: "int";
                                /** @description Condition: {"model.kind": ["convnet"]} makes the parameter exist only for conv nets. */
                                when?: {
                                    [key: string]: (string | number | boolean | null)[];
                                };
                            } | {
                                max: number;
                                min: number;
                                start?: number;
                                step?: number;
                                /** @enum {string} */
                                type: "uniform";
                                /** @description Condition: {"model.kind": ["convnet"]} makes the parameter exist only for conv nets. */
                                when?: {
                                    [key: string]: (string | number | boolean | null)[];
                                };
                            } | {
                                factor?: number;
                                max: number;
                                min: number;
                                start?: number;
                                /** @enum {string} */
                                type: "loguniform";
                                /** @description Condition: {"model.kind": ["convnet"]} makes the parameter exist only for conv nets. */
                                when?: {
                                    [key: string]: (string | number | boolean | null)[];
                                };
                            };
                        };
                    };
                    /**
                     * @description Training settings for every variant (seed defaults).
                     * @default {}
                     */
                    training?: {
                        /** @description SGD mini-batch size (seed: 1). */
                        batchSize?: number;
                        /** @description The images a trial trains on: 'mnist' (the default), 'fashion-mnist' (Zalando's clothing images, same shape and split), or the name of a dataset uploaded to the sweep's project (POST /datasets, docs/datasets.md). */
                        dataset?: string;
                        /** @description Learning rate of every optimizer, at the start of the schedule (seed: 0.001). */
                        learningRate?: number;
                        /** @description Upper bound on epochs (seed: 30). */
                        maxEpochs?: number;
                        /** @description SGD momentum (seed: 0.9); not used by adam and adamw. */
                        momentum?: number;
                        /** @description The optimizer: sgd (default; momentum from training.momentum), adam or adamw. Every field is searchable (training.optimizer.type, training.optimizer.beta2, ...). */
                        optimizer?: {
                            /** @description Nesterov's momentum instead of the classical one. Default false. */
                            nesterov?: boolean;
                            /**
                             * @default sgd
                             * @enum {string}
                             */
                            type?: "sgd";
                            /** @description L2 weight decay: weightDecay·w is added to the gradient of every weight and bias. Default 0. */
                            weightDecay?: number;
                        } | {
                            /** @description Decay rate of the first (mean of the gradient) moment estimate. Default 0.9. */
                            beta1?: number;
                            /** @description Decay rate of the second (mean of its square) moment estimate. Default 0.999. */
                            beta2?: number;
                            /** @description Added to the root of the second moment before dividing. Default 1e-8. */
                            epsilon?: number;
                            /** @enum {string} */
                            type: "adam";
                            /** @description L2 weight decay, added to the gradient (weightDecay·w) before the moments, as PyTorch's Adam weight_decay. Default 0. */
                            weightDecay?: number;
                        } | {
                            /** @description Decay rate of the first (mean of the gradient) moment estimate. Default 0.9. */
                            beta1?: number;
                            /** @description Decay rate of the second (mean of its square) moment estimate. Default 0.999. */
                            beta2?: number;
                            /** @description Added to the root of the second moment before dividing. Default 1e-8. */
                            epsilon?: number;
                            /** @enum {string} */
                            type: "adamw";
                            /** @description Decoupled weight decay (Loshchilov & Hutter): each step w ← w·(1 − learningRate·weightDecay) before the Adam update, as PyTorch AdamW. Default 0.01. */
                            weightDecay?: number;
                        };
                        /** @description Stop after this many epochs without a better validation error (seed: 10). */
                        patience?: number;
                        /** @description How the learning rate changes during a trial. Default: constant. */
                        schedule?: {
                            /** @enum {string} */
                            type: "constant";
                            /** @description Epochs (fractions allowed) over which the rate climbs linearly from near 0 to learningRate before the schedule starts. Default 0. */
                            warmupEpochs?: number;
                        } | {
                            /** @description Multiply the rate by `factor` after every this many epochs. */
                            everyEpochs: number;
                            /** @description The decay factor, e.g. 0.1. */
                            factor: number;
                            /** @enum {string} */
                            type: "step";
                            /** @description Epochs (fractions allowed) over which the rate climbs linearly from near 0 to learningRate before the schedule starts. Default 0. */
                            warmupEpochs?: number;
                        } | {
                            /** @description The rate at the last epoch, as a fraction of learningRate. Default 0. */
                            minFactor?: number;
                            /** @enum {string} */
                            type: "cosine";
                            /** @description Epochs (fractions allowed) over which the rate climbs linearly from near 0 to learningRate before the schedule starts. Default 0. */
                            warmupEpochs?: number;
                        };
                        /** @description Seeds weight initialisation and shuffling. */
                        seed?: number;
                        /** @description Measure test error on the first N of the 10,000 test images. */
                        testSubset?: number;
                        /** @description Train on the first N of the 50,000 training images. */
                        trainSubset?: number;
                        /** @description Validate on the first N of the 10,000 validation images. */
                        valSubset?: number;
                    };
                    /** @description Explicit variants, trained first (all a "list" sweep trains). */
                    variants?: {
                        model: {
                            /** @description Absent: no augmentation (28x28 inputs). */
                            augmentation?: {
                                /**
                                 * @description Augmented samples an epoch draws per original training image (seed: 4, "4 times").
                                 * @default 4
                                 */
                                expansion?: number;
                                /**
                                 * @description Largest rotation in degrees, either way (seed: 20).
                                 * @default 20
                                 */
                                maxRotation?: number;
                            };
                            /** @enum {string} */
                            kind: "logistic";
                        } | {
                            /** @description Absent: no augmentation (28x28 inputs). */
                            augmentation?: {
                                /**
                                 * @description Augmented samples an epoch draws per original training image (seed: 4, "4 times").
                                 * @default 4
                                 */
                                expansion?: number;
                                /**
                                 * @description Largest rotation in degrees, either way (seed: 20).
                                 * @default 20
                                 */
                                maxRotation?: number;
                            };
                            /** @description P(y=i|x) = softmax(−β·z)_i with z = Wx + b (seed 1.2). Absent = −1: the ordinary softmax(z). */
                            beta?: number;
                            /** @enum {string} */
                            kind: "softmax";
                        } | {
                            /**
                             * @description Of every conv and hidden dense layer.
                             * @default relu
                             * @enum {string}
                             */
                            activation?: "relu" | "tanh" | "sigmoid";
                            /** @description Absent: no augmentation (28x28 inputs). */
                            augmentation?: {
                                /**
                                 * @description Augmented samples an epoch draws per original training image (seed: 4, "4 times").
                                 * @default 4
                                 */
                                expansion?: number;
                                /**
                                 * @description Largest rotation in degrees, either way (seed: 20).
                                 * @default 20
                                 */
                                maxRotation?: number;
                            };
                            /** @description Columns, each its own conv stack on its own input transformation (identity, transpose, flip-left-right, flip-up-down, rotate-180); default 1. */
                            columns?: number;
                            /**
                             * @description Width of the hidden dense layer, or widths of several ([] = none) before the 10-way softmax.
                             * @default 128
                             */
                            denseUnits?: number | number[];
                            /** @description Default: none. */
                            dropout?: {
                                /**
                                 * @description Rate after conv blocks (placement conv-and-fc only).
                                 * @default 0.25
                                 */
                                convRate?: number;
                                /**
                                 * @default none
                                 * @enum {string}
                                 */
                                placement?: "none" | "one-fc" | "all-fc" | "conv-and-fc";
                                /**
                                 * @description Rate on fully connected inputs.
                                 * @default 0.5
                                 */
                                rate?: number;
                            };
                            /**
                             * @description Feature maps of each conv layer, in order (seed "64, 64, 128" = featureMaps [64, 64] + denseUnits 128).
                             * @default [
                             *       32,
                             *       64
                             *     ]
                             */
                            featureMaps?: number[];
                            /**
                             * @description Square filter side: one for every conv layer, or one per layer (seed "5, 5").
                             * @default 5
                             */
                            filterSize?: number | number[];
                            /** @enum {string} */
                            kind: "convnet";
                            /** @description Default: max 2x2 stride 2. */
                            pooling?: {
                                /**
                                 * @description Square window side (seed: 2; overlapping: 3).
                                 * @default 2
                                 */
                                size?: number;
                                /**
                                 * @description Step between windows (seed: 2); stride < size overlaps.
                                 * @default 2
                                 */
                                stride?: number;
                                /**
                                 * @description max, l2 (sqrt of the sum of squares) or average.
                                 * @default max
                                 * @enum {string}
                                 */
                                type?: "max" | "l2" | "average";
                            };
                        } | {
                            /** @description Absent: no augmentation. With it, 28x28 images are seen as 32x32. */
                            augmentation?: {
                                /**
                                 * @description Augmented samples an epoch draws per original training image (seed: 4, "4 times").
                                 * @default 4
                                 */
                                expansion?: number;
                                /**
                                 * @description Largest rotation in degrees, either way (seed: 20).
                                 * @default 20
                                 */
                                maxRotation?: number;
                            };
                            /** @description Columns, each the whole stack on its own input transformation (identity, transpose, flip-left-right, flip-up-down, rotate-180), concatenated before the output layer; default 1. */
                            columns?: number;
                            /** @enum {string} */
                            kind: "layers";
                            /** @description In order, from the input; the output dense softmax layer (one unit per class) is appended. */
                            layers: ({
                                /**
                                 * @description Applied to the output; absent: none (linear).
                                 * @enum {string}
                                 */
                                activation?: "relu" | "tanh" | "sigmoid" | "gelu" | "leakyRelu";
                                /** @description leakyRelu: slope for x < 0 (default 0.01). */
                                alpha?: number;
                                /** @description Output channels. */
                                filters: number;
                                /** @description Square kernel side. */
                                kernel: number;
                                /**
                                 * @description valid: no padding; same: output side = ceil(input / stride).
                                 * @default valid
                                 * @enum {string}
                                 */
                                padding?: "valid" | "same";
                                /** @default 1 */
                                stride?: number;
                                /** @enum {string} */
                                type: "conv2d";
                            } | {
                                /**
                                 * @description Square window side.
                                 * @default 2
                                 */
                                size?: number;
                                /** @description Step between windows; default: the size (no overlap). */
                                stride?: number;
                                /** @enum {string} */
                                type: "maxPool";
                            } | {
                                /**
                                 * @description Square window side.
                                 * @default 2
                                 */
                                size?: number;
                                /** @description Step between windows; default: the size (no overlap). */
                                stride?: number;
                                /** @enum {string} */
                                type: "avgPool";
                            } | {
                                /**
                                 * @description Square window side.
                                 * @default 2
                                 */
                                size?: number;
                                /** @description Step between windows; default: the size (no overlap). */
                                stride?: number;
                                /** @enum {string} */
                                type: "l2Pool";
                            } | {
                                /**
                                 * @description Applied to the output; absent: none (linear).
                                 * @enum {string}
                                 */
                                activation?: "relu" | "tanh" | "sigmoid" | "gelu" | "leakyRelu";
                                /** @description leakyRelu: slope for x < 0 (default 0.01). */
                                alpha?: number;
                                /** @enum {string} */
                                type: "dense";
                                units: number;
                            } | {
                                /** @description Probability of dropping a unit while training. */
                                rate: number;
                                /** @enum {string} */
                                type: "dropout";
                            } | {
                                /**
                                 * @description Added to the variance (Keras default 1e-3).
                                 * @default 0.001
                                 */
                                epsilon?: number;
                                /**
                                 * @description Running averages: avg ← momentum·avg + (1 − momentum)·batch statistic (Keras default 0.99).
                                 * @default 0.99
                                 */
                                momentum?: number;
                                /** @enum {string} */
                                type: "batchNorm";
                            } | {
                                /** @enum {string} */
                                activation: "relu" | "tanh" | "sigmoid" | "gelu" | "leakyRelu";
                                /** @description leakyRelu: slope for x < 0 (default 0.01). */
                                alpha?: number;
                                /** @enum {string} */
                                type: "activation";
                            } | {
                                /** @enum {string} */
                                type: "flatten";
                            })[];
                        } | {
                            /** @enum {string} */
                            kind: "program";
                            /**
                             * @description Hyperparameters: each reaches the program as one argument --name=value, and all of them in MODELSPACE_PARAMS_FILE.
                             * @default {}
                             */
                            params?: {
                                [key: string]: string | number | boolean;
                            };
                            /** @description A program registered on the workers (WORKER_PROGRAMS); GET /workers lists them. */
                            program: string;
                        };
                        /** @description Label shown in tables; defaults to "variant N". */
                        name?: string;
                        /** @description What this variant needs (its worker pool), over the sweep's. */
                        resources?: {
                            /**
                             * @description The worker pool that trains it: "gpu" trials wait for a worker serving gpu (WORKER_POOLS), "cpu" (the default) for one serving cpu.
                             * @enum {string}
                             */
                            pool: "cpu" | "gpu";
                        };
                        /** @description Overrides of the sweep-level training settings. */
                        training?: {
                            /** @description SGD mini-batch size (seed: 1). */
                            batchSize?: number;
                            /** @description The images a trial trains on: 'mnist' (the default), 'fashion-mnist' (Zalando's clothing images, same shape and split), or the name of a dataset uploaded to the sweep's project (POST /datasets, docs/datasets.md). */
                            dataset?: string;
                            /** @description Learning rate of every optimizer, at the start of the schedule (seed: 0.001). */
                            learningRate?: number;
                            /** @description Upper bound on epochs (seed: 30). */
                            maxEpochs?: number;
                            /** @description SGD momentum (seed: 0.9); not used by adam and adamw. */
                            momentum?: number;
                            /** @description The optimizer: sgd (default; momentum from training.momentum), adam or adamw. Every field is searchable (training.optimizer.type, training.optimizer.beta2, ...). */
                            optimizer?: {
                                /** @description Nesterov's momentum instead of the classical one. Default false. */
                                nesterov?: boolean;
                                /**
                                 * @default sgd
                                 * @enum {string}
                                 */
                                type?: "sgd";
                                /** @description L2 weight decay: weightDecay·w is added to the gradient of every weight and bias. Default 0. */
                                weightDecay?: number;
                            } | {
                                /** @description Decay rate of the first (mean of the gradient) moment estimate. Default 0.9. */
                                beta1?: number;
                                /** @description Decay rate of the second (mean of its square) moment estimate. Default 0.999. */
                                beta2?: number;
                                /** @description Added to the root of the second moment before dividing. Default 1e-8. */
                                epsilon?: number;
                                /** @enum {string} */
                                type: "adam";
                                /** @description L2 weight decay, added to the gradient (weightDecay·w) before the moments, as PyTorch's Adam weight_decay. Default 0. */
                                weightDecay?: number;
                            } | {
                                /** @description Decay rate of the first (mean of the gradient) moment estimate. Default 0.9. */
                                beta1?: number;
                                /** @description Decay rate of the second (mean of its square) moment estimate. Default 0.999. */
                                beta2?: number;
                                /** @description Added to the root of the second moment before dividing. Default 1e-8. */
                                epsilon?: number;
                                /** @enum {string} */
                                type: "adamw";
                                /** @description Decoupled weight decay (Loshchilov & Hutter): each step w ← w·(1 − learningRate·weightDecay) before the Adam update, as PyTorch AdamW. Default 0.01. */
                                weightDecay?: number;
                            };
                            /** @description Stop after this many epochs without a better validation error (seed: 10). */
                            patience?: number;
                            /** @description How the learning rate changes during a trial. Default: constant. */
                            schedule?: {
                                /** @enum {string} */
                                type: "constant";
                                /** @description Epochs (fractions allowed) over which the rate climbs linearly from near 0 to learningRate before the schedule starts. Default 0. */
                                warmupEpochs?: number;
                            } | {
                                /** @description Multiply the rate by `factor` after every this many epochs. */
                                everyEpochs: number;
                                /** @description The decay factor, e.g. 0.1. */
                                factor: number;
                                /** @enum {string} */
                                type: "step";
                                /** @description Epochs (fractions allowed) over which the rate climbs linearly from near 0 to learningRate before the schedule starts. Default 0. */
                                warmupEpochs?: number;
                            } | {
                                /** @description The rate at the last epoch, as a fraction of learningRate. Default 0. */
                                minFactor?: number;
                                /** @enum {string} */
                                type: "cosine";
                                /** @description Epochs (fractions allowed) over which the rate climbs linearly from near 0 to learningRate before the schedule starts. Default 0. */
                                warmupEpochs?: number;
                            };
                            /** @description Seeds weight initialisation and shuffling. */
                            seed?: number;
                            /** @description Measure test error on the first N of the 10,000 test images. */
                            testSubset?: number;
                            /** @description Train on the first N of the 50,000 training images. */
                            trainSubset?: number;
                            /** @description Validate on the first N of the 10,000 validation images. */
                            valSubset?: number;
                        };
                    }[];
                };
                "application/x-yaml": {
                    /** @default {} */
                    budget?: {
                        /** @description Trials queued or running at once, across all workers (default: 2 for tpe, else no limit). null: no limit. */
                        maxConcurrentTrials?: number | null;
                        /** @description No new trial starts after this long from creation: queued trials are dropped then, running ones finish. null: no limit. */
                        maxDurationSeconds?: number | null;
                        /** @description The sweep fails when more trials than this have failed. null: no limit. */
                        maxFailedTrials?: number | null;
                        /** @description Trials the sweep may create in all (default: 20 for random and tpe, else until the method is exhausted). null: no limit. */
                        maxTrials?: number | null;
                    };
                    description?: string;
                    /**
                     * @description How variants are chosen: "list" trains the given variants in order; grid, random, tpe and walk search `space`.
                     * @default list
                     * @enum {string}
                     */
                    method?: "list" | "grid" | "random" | "tpe" | "walk";
                    name: string;
                    /**
                     * @default {
                     *       "metric": "valError",
                     *       "goal": "minimize"
                     *     }
                     */
                    objective?: {
                        /**
                         * @default minimize
                         * @enum {string}
                         */
                        goal?: "minimize" | "maximize";
                        /**
                         * @default valError
                         * @enum {string}
                         */
                        metric?: "valError" | "testError" | "valLoss";
                        /** @description The sweep ends once a trial reaches this value: queued trials are dropped, running ones finish. */
                        target?: number;
                    };
                    /**
                     * @default {
                     *       "type": "none"
                     *     }
                     */
                    pruner?: {
                        /** @enum {string} */
                        type: "none";
                    } | {
                        /**
                         * @description First rung (r).
                         * @default 1
                         */
                        minEpochs?: number;
                        /**
                         * @description η: the top 1/η go on at each rung.
                         * @default 3
                         */
                        reductionFactor?: number;
                        /** @enum {string} */
                        type: "asha";
                    } | {
                        /** @default 3 */
                        minTrials?: number;
                        /** @enum {string} */
                        type: "median";
                        /** @default 1 */
                        warmupEpochs?: number;
                    };
                    /** @description What every trial needs (its worker pool); a variant may say otherwise. */
                    resources?: {
                        /**
                         * @description The worker pool that trains it: "gpu" trials wait for a worker serving gpu (WORKER_POOLS), "cpu" (the default) for one serving cpu.
                         * @enum {string}
                         */
                        pool: "cpu" | "gpu";
                    };
                    /**
                     * @default {
                     *       "seed": 0,
                     *       "startupTrials": 5,
                     *       "candidates": 64
                     *     }
                     */
                    search?: {
                        /**
                         * @description tpe: candidates scored per proposal, at least: a space of more than 5 parameters draws 12.8 per parameter (128 at 10).
                         * @default 64
                         */
                        candidates?: number;
                        /** @description tpe: fraction of trials counted as good (default: Optuna's schedule, the best 10% up to 25). */
                        gamma?: number;
                        /**
                         * @description Seeds random and tpe proposals.
                         * @default 0
                         */
                        seed?: number;
                        /**
                         * @description tpe: random proposals before the model is used.
                         * @default 5
                         */
                        startupTrials?: number;
                    };
                    /** @description What grid, random, tpe and walk search. */
                    space?: {
                        /**
                         * @description The variant every proposal starts from; parameters override its fields.
                         * @default {}
                         */
                        base?: {
                            model?: Record<string, never>;
                            training?: Record<string, never>;
                        };
                        /** @description Parameter path → distribution, in the order they are decided. */
                        parameters: {
                            [key: string]: {
                                /** @enum {string} */
                                type: "fixed";
                                value: string | number | boolean | null | (string | number | boolean | {
                                    [key: string]: string | number | boolean | null;
                                })[] | {
                                    [key: string]: string | number | boolean | null;
                                };
                                /** @description Condition: {"model.kind": ["convnet"]} makes the parameter exist only for conv nets. */
                                when?: {
                                    [key: string]: (string | number | boolean | null)[];
                                };
                            } | {
                                /** @description Where a walk starts (default: the first value). */
                                start?: string | number | boolean | null | (string | number | boolean | {
                                    [key: string]: string | number | boolean | null;
                                })[] | {
                                    [key: string]: string | number | boolean | null;
                                };
                                /** @enum {string} */
                                type: "categorical";
                                values: (string | number | boolean | null | (string | number | boolean | {
                                    [key: string]: string | number | boolean | null;
                                })[] | {
                                    [key: string]: string | number | boolean | null;
                                })[];
                                /** @description Condition: {"model.kind": ["convnet"]} makes the parameter exist only for conv nets. */
                                when?: {
                                    [key: string]: (string | number | boolean | null)[];
                                };
                            } | {
                                /** @default false */
                                log?: boolean;
                                max: number;
                                min: number;
                                start?: number;
                                /** @default 1 */
                                step?: number;
                                /** @enum {string} */
                                type: "int";
                                /** @description Condition: {"model.kind": ["convnet"]} makes the parameter exist only for conv nets. */
                                when?: {
                                    [key: string]: (string | number | boolean | null)[];
                                };
                            } | {
                                max: number;
                                min: number;
                                start?: number;
                                step?: number;
                                /** @enum {string} */
                                type: "uniform";
                                /** @description Condition: {"model.kind": ["convnet"]} makes the parameter exist only for conv nets. */
                                when?: {
                                    [key: string]: (string | number | boolean | null)[];
                                };
                            } | {
                                factor?: number;
                                max: number;
                                min: number;
                                start?: number;
                                /** @enum {string} */
                                type: "loguniform";
                                /** @description Condition: {"model.kind": ["convnet"]} makes the parameter exist only for conv nets. */
                                when?: {
                                    [key: string]: (string | number | boolean | null)[];
                                };
                            };
                        };
                    };
                    /**
                     * @description Training settings for every variant (seed defaults).
                     * @default {}
                     */
                    training?: {
                        /** @description SGD mini-batch size (seed: 1). */
                        batchSize?: number;
                        /** @description The images a trial trains on: 'mnist' (the default), 'fashion-mnist' (Zalando's clothing images, same shape and split), or the name of a dataset uploaded to the sweep's project (POST /datasets, docs/datasets.md). */
                        dataset?: string;
                        /** @description Learning rate of every optimizer, at the start of the schedule (seed: 0.001). */
                        learningRate?: number;
                        /** @description Upper bound on epochs (seed: 30). */
                        maxEpochs?: number;
                        /** @description SGD momentum (seed: 0.9); not used by adam and adamw. */
                        momentum?: number;
                        /** @description The optimizer: sgd (default; momentum from training.momentum), adam or adamw. Every field is searchable (training.optimizer.type, training.optimizer.beta2, ...). */
                        optimizer?: {
                            /** @description Nesterov's momentum instead of the classical one. Default false. */
                            nesterov?: boolean;
                            /**
                             * @default sgd
                             * @enum {string}
                             */
                            type?: "sgd";
                            /** @description L2 weight decay: weightDecay·w is added to the gradient of every weight and bias. Default 0. */
                            weightDecay?: number;
                        } | {
                            /** @description Decay rate of the first (mean of the gradient) moment estimate. Default 0.9. */
                            beta1?: number;
                            /** @description Decay rate of the second (mean of its square) moment estimate. Default 0.999. */
                            beta2?: number;
                            /** @description Added to the root of the second moment before dividing. Default 1e-8. */
                            epsilon?: number;
                            /** @enum {string} */
                            type: "adam";
                            /** @description L2 weight decay, added to the gradient (weightDecay·w) before the moments, as PyTorch's Adam weight_decay. Default 0. */
                            weightDecay?: number;
                        } | {
                            /** @description Decay rate of the first (mean of the gradient) moment estimate. Default 0.9. */
                            beta1?: number;
                            /** @description Decay rate of the second (mean of its square) moment estimate. Default 0.999. */
                            beta2?: number;
                            /** @description Added to the root of the second moment before dividing. Default 1e-8. */
                            epsilon?: number;
                            /** @enum {string} */
                            type: "adamw";
                            /** @description Decoupled weight decay (Loshchilov & Hutter): each step w ← w·(1 − learningRate·weightDecay) before the Adam update, as PyTorch AdamW. Default 0.01. */
                            weightDecay?: number;
                        };
                        /** @description Stop after this many epochs without a better validation error (seed: 10). */
                        patience?: number;
                        /** @description How the learning rate changes during a trial. Default: constant. */
                        schedule?: {
                            /** @enum {string} */
                            type: "constant";
                            /** @description Epochs (fractions allowed) over which the rate climbs linearly from near 0 to learningRate before the schedule starts. Default 0. */
                            warmupEpochs?: number;
                        } | {
                            /** @description Multiply the rate by `factor` after every this many epochs. */
                            everyEpochs: number;
                            /** @description The decay factor, e.g. 0.1. */
                            factor: number;
                            /** @enum {string} */
                            type: "step";
                            /** @description Epochs (fractions allowed) over which the rate climbs linearly from near 0 to learningRate before the schedule starts. Default 0. */
                            warmupEpochs?: number;
                        } | {
                            /** @description The rate at the last epoch, as a fraction of learningRate. Default 0. */
                            minFactor?: number;
                            /** @enum {string} */
                            type: "cosine";
                            /** @description Epochs (fractions allowed) over which the rate climbs linearly from near 0 to learningRate before the schedule starts. Default 0. */
                            warmupEpochs?: number;
                        };
                        /** @description Seeds weight initialisation and shuffling. */
                        seed?: number;
                        /** @description Measure test error on the first N of the 10,000 test images. */
                        testSubset?: number;
                        /** @description Train on the first N of the 50,000 training images. */
                        trainSubset?: number;
                        /** @description Validate on the first N of the 10,000 validation images. */
                        valSubset?: number;
                    };
                    /** @description Explicit variants, trained first (all a "list" sweep trains). */
                    variants?: {
                        model: {
                            /** @description Absent: no augmentation (28x28 inputs). */
                            augmentation?: {
                                /**
                                 * @description Augmented samples an epoch draws per original training image (seed: 4, "4 times").
                                 * @default 4
                                 */
                                expansion?: number;
                                /**
                                 * @description Largest rotation in degrees, either way (seed: 20).
                                 * @default 20
                                 */
                                maxRotation?: number;
                            };
                            /** @enum {string} */
                            kind: "logistic";
                        } | {
                            /** @description Absent: no augmentation (28x28 inputs). */
                            augmentation?: {
                                /**
                                 * @description Augmented samples an epoch draws per original training image (seed: 4, "4 times").
                                 * @default 4
                                 */
                                expansion?: number;
                                /**
                                 * @description Largest rotation in degrees, either way (seed: 20).
                                 * @default 20
                                 */
                                maxRotation?: number;
                            };
                            /** @description P(y=i|x) = softmax(−β·z)_i with z = Wx + b (seed 1.2). Absent = −1: the ordinary softmax(z). */
                            beta?: number;
                            /** @enum {string} */
                            kind: "softmax";
                        } | {
                            /**
                             * @description Of every conv and hidden dense layer.
                             * @default relu
                             * @enum {string}
                             */
                            activation?: "relu" | "tanh" | "sigmoid";
                            /** @description Absent: no augmentation (28x28 inputs). */
                            augmentation?: {
                                /**
                                 * @description Augmented samples an epoch draws per original training image (seed: 4, "4 times").
                                 * @default 4
                                 */
                                expansion?: number;
                                /**
                                 * @description Largest rotation in degrees, either way (seed: 20).
                                 * @default 20
                                 */
                                maxRotation?: number;
                            };
                            /** @description Columns, each its own conv stack on its own input transformation (identity, transpose, flip-left-right, flip-up-down, rotate-180); default 1. */
                            columns?: number;
                            /**
                             * @description Width of the hidden dense layer, or widths of several ([] = none) before the 10-way softmax.
                             * @default 128
                             */
                            denseUnits?: number | number[];
                            /** @description Default: none. */
                            dropout?: {
                                /**
                                 * @description Rate after conv blocks (placement conv-and-fc only).
                                 * @default 0.25
                                 */
                                convRate?: number;
                                /**
                                 * @default none
                                 * @enum {string}
                                 */
                                placement?: "none" | "one-fc" | "all-fc" | "conv-and-fc";
                                /**
                                 * @description Rate on fully connected inputs.
                                 * @default 0.5
                                 */
                                rate?: number;
                            };
                            /**
                             * @description Feature maps of each conv layer, in order (seed "64, 64, 128" = featureMaps [64, 64] + denseUnits 128).
                             * @default [
                             *       32,
                             *       64
                             *     ]
                             */
                            featureMaps?: number[];
                            /**
                             * @description Square filter side: one for every conv layer, or one per layer (seed "5, 5").
                             * @default 5
                             */
                            filterSize?: number | number[];
                            /** @enum {string} */
                            kind: "convnet";
                            /** @description Default: max 2x2 stride 2. */
                            pooling?: {
                                /**
                                 * @description Square window side (seed: 2; overlapping: 3).
                                 * @default 2
                                 */
                                size?: number;
                                /**
                                 * @description Step between windows (seed: 2); stride < size overlaps.
                                 * @default 2
                                 */
                                stride?: number;
                                /**
                                 * @description max, l2 (sqrt of the sum of squares) or average.
                                 * @default max
                                 * @enum {string}
                                 */
                                type?: "max" | "l2" | "average";
                            };
                        } | {
                            /** @description Absent: no augmentation. With it, 28x28 images are seen as 32x32. */
                            augmentation?: {
                                /**
                                 * @description Augmented samples an epoch draws per original training image (seed: 4, "4 times").
                                 * @default 4
                                 */
                                expansion?: number;
                                /**
                                 * @description Largest rotation in degrees, either way (seed: 20).
                                 * @default 20
                                 */
                                maxRotation?: number;
                            };
                            /** @description Columns, each the whole stack on its own input transformation (identity, transpose, flip-left-right, flip-up-down, rotate-180), concatenated before the output layer; default 1. */
                            columns?: number;
                            /** @enum {string} */
                            kind: "layers";
                            /** @description In order, from the input; the output dense softmax layer (one unit per class) is appended. */
                            layers: ({
                                /**
                                 * @description Applied to the output; absent: none (linear).
                                 * @enum {string}
                                 */
                                activation?: "relu" | "tanh" | "sigmoid" | "gelu" | "leakyRelu";
                                /** @description leakyRelu: slope for x < 0 (default 0.01). */
                                alpha?: number;
                                /** @description Output channels. */
                                filters: number;
                                /** @description Square kernel side. */
                                kernel: number;
                                /**
                                 * @description valid: no padding; same: output side = ceil(input / stride).
                                 * @default valid
                                 * @enum {string}
                                 */
                                padding?: "valid" | "same";
                                /** @default 1 */
                                stride?: number;
                                /** @enum {string} */
                                type: "conv2d";
                            } | {
                                /**
                                 * @description Square window side.
                                 * @default 2
                                 */
                                size?: number;
                                /** @description Step between windows; default: the size (no overlap). */
                                stride?: number;
                                /** @enum {string} */
                                type: "maxPool";
                            } | {
                                /**
                                 * @description Square window side.
                                 * @default 2
                                 */
                                size?: number;
                                /** @description Step between windows; default: the size (no overlap). */
                                stride?: number;
                                /** @enum {string} */
                                type: "avgPool";
                            } | {
                                /**
                                 * @description Square window side.
                                 * @default 2
                                 */
                                size?: number;
                                /** @description Step between windows; default: the size (no overlap). */
                                stride?: number;
                                /** @enum {string} */
                                type: "l2Pool";
                            } | {
                                /**
                                 * @description Applied to the output; absent: none (linear).
                                 * @enum {string}
                                 */
                                activation?: "relu" | "tanh" | "sigmoid" | "gelu" | "leakyRelu";
                                /** @description leakyRelu: slope for x < 0 (default 0.01). */
                                alpha?: number;
                                /** @enum {string} */
                                type: "dense";
                                units: number;
                            } | {
                                /** @description Probability of dropping a unit while training. */
                                rate: number;
                                /** @enum {string} */
                                type: "dropout";
                            } | {
                                /**
                                 * @description Added to the variance (Keras default 1e-3).
                                 * @default 0.001
                                 */
                                epsilon?: number;
                                /**
                                 * @description Running averages: avg ← momentum·avg + (1 − momentum)·batch statistic (Keras default 0.99).
                                 * @default 0.99
                                 */
                                momentum?: number;
                                /** @enum {string} */
                                type: "batchNorm";
                            } | {
                                /** @enum {string} */
                                activation: "relu" | "tanh" | "sigmoid" | "gelu" | "leakyRelu";
                                /** @description leakyRelu: slope for x < 0 (default 0.01). */
                                alpha?: number;
                                /** @enum {string} */
                                type: "activation";
                            } | {
                                /** @enum {string} */
                                type: "flatten";
                            })[];
                        } | {
                            /** @enum {string} */
                            kind: "program";
                            /**
                             * @description Hyperparameters: each reaches the program as one argument --name=value, and all of them in MODELSPACE_PARAMS_FILE.
                             * @default {}
                             */
                            params?: {
                                [key: string]: string | number | boolean;
                            };
                            /** @description A program registered on the workers (WORKER_PROGRAMS); GET /workers lists them. */
                            program: string;
                        };
                        /** @description Label shown in tables; defaults to "variant N". */
                        name?: string;
                        /** @description What this variant needs (its worker pool), over the sweep's. */
                        resources?: {
                            /**
                             * @description The worker pool that trains it: "gpu" trials wait for a worker serving gpu (WORKER_POOLS), "cpu" (the default) for one serving cpu.
                             * @enum {string}
                             */
                            pool: "cpu" | "gpu";
                        };
                        /** @description Overrides of the sweep-level training settings. */
                        training?: {
                            /** @description SGD mini-batch size (seed: 1). */
                            batchSize?: number;
                            /** @description The images a trial trains on: 'mnist' (the default), 'fashion-mnist' (Zalando's clothing images, same shape and split), or the name of a dataset uploaded to the sweep's project (POST /datasets, docs/datasets.md). */
                            dataset?: string;
                            /** @description Learning rate of every optimizer, at the start of the schedule (seed: 0.001). */
                            learningRate?: number;
                            /** @description Upper bound on epochs (seed: 30). */
                            maxEpochs?: number;
                            /** @description SGD momentum (seed: 0.9); not used by adam and adamw. */
                            momentum?: number;
                            /** @description The optimizer: sgd (default; momentum from training.momentum), adam or adamw. Every field is searchable (training.optimizer.type, training.optimizer.beta2, ...). */
                            optimizer?: {
                                /** @description Nesterov's momentum instead of the classical one. Default false. */
                                nesterov?: boolean;
                                /**
                                 * @default sgd
                                 * @enum {string}
                                 */
                                type?: "sgd";
                                /** @description L2 weight decay: weightDecay·w is added to the gradient of every weight and bias. Default 0. */
                                weightDecay?: number;
                            } | {
                                /** @description Decay rate of the first (mean of the gradient) moment estimate. Default 0.9. */
                                beta1?: number;
                                /** @description Decay rate of the second (mean of its square) moment estimate. Default 0.999. */
                                beta2?: number;
                                /** @description Added to the root of the second moment before dividing. Default 1e-8. */
                                epsilon?: number;
                                /** @enum {string} */
                                type: "adam";
                                /** @description L2 weight decay, added to the gradient (weightDecay·w) before the moments, as PyTorch's Adam weight_decay. Default 0. */
                                weightDecay?: number;
                            } | {
                                /** @description Decay rate of the first (mean of the gradient) moment estimate. Default 0.9. */
                                beta1?: number;
                                /** @description Decay rate of the second (mean of its square) moment estimate. Default 0.999. */
                                beta2?: number;
                                /** @description Added to the root of the second moment before dividing. Default 1e-8. */
                                epsilon?: number;
                                /** @enum {string} */
                                type: "adamw";
                                /** @description Decoupled weight decay (Loshchilov & Hutter): each step w ← w·(1 − learningRate·weightDecay) before the Adam update, as PyTorch AdamW. Default 0.01. */
                                weightDecay?: number;
                            };
                            /** @description Stop after this many epochs without a better validation error (seed: 10). */
                            patience?: number;
                            /** @description How the learning rate changes during a trial. Default: constant. */
                            schedule?: {
                                /** @enum {string} */
                                type: "constant";
                                /** @description Epochs (fractions allowed) over which the rate climbs linearly from near 0 to learningRate before the schedule starts. Default 0. */
                                warmupEpochs?: number;
                            } | {
                                /** @description Multiply the rate by `factor` after every this many epochs. */
                                everyEpochs: number;
                                /** @description The decay factor, e.g. 0.1. */
                                factor: number;
                                /** @enum {string} */
                                type: "step";
                                /** @description Epochs (fractions allowed) over which the rate climbs linearly from near 0 to learningRate before the schedule starts. Default 0. */
                                warmupEpochs?: number;
                            } | {
                                /** @description The rate at the last epoch, as a fraction of learningRate. Default 0. */
                                minFactor?: number;
                                /** @enum {string} */
                                type: "cosine";
                                /** @description Epochs (fractions allowed) over which the rate climbs linearly from near 0 to learningRate before the schedule starts. Default 0. */
                                warmupEpochs?: number;
                            };
                            /** @description Seeds weight initialisation and shuffling. */
                            seed?: number;
                            /** @description Measure test error on the first N of the 10,000 test images. */
                            testSubset?: number;
                            /** @description Train on the first N of the 50,000 training images. */
                            trainSubset?: number;
                            /** @description Validate on the first N of the 10,000 validation images. */
                            valSubset?: number;
                        };
                    }[];
                };
                "application/yaml": {
                    /** @default {} */
                    budget?: {
                        /** @description Trials queued or running at once, across all workers (default: 2 for tpe, else no limit). null: no limit. */
                        maxConcurrentTrials?: number | null;
                        /** @description No new trial starts after this long from creation: queued trials are dropped then, running ones finish. null: no limit. */
                        maxDurationSeconds?: number | null;
                        /** @description The sweep fails when more trials than this have failed. null: no limit. */
                        maxFailedTrials?: number | null;
                        /** @description Trials the sweep may create in all (default: 20 for random and tpe, else until the method is exhausted). null: no limit. */
                        maxTrials?: number | null;
                    };
                    description?: string;
                    /**
                     * @description How variants are chosen: "list" trains the given variants in order; grid, random, tpe and walk search `space`.
                     * @default list
                     * @enum {string}
                     */
                    method?: "list" | "grid" | "random" | "tpe" | "walk";
                    name: string;
                    /**
                     * @default {
                     *       "metric": "valError",
                     *       "goal": "minimize"
                     *     }
                     */
                    objective?: {
                        /**
                         * @default minimize
                         * @enum {string}
                         */
                        goal?: "minimize" | "maximize";
                        /**
                         * @default valError
                         * @enum {string}
                         */
                        metric?: "valError" | "testError" | "valLoss";
                        /** @description The sweep ends once a trial reaches this value: queued trials are dropped, running ones finish. */
                        target?: number;
                    };
                    /**
                     * @default {
                     *       "type": "none"
                     *     }
                     */
                    pruner?: {
                        /** @enum {string} */
                        type: "none";
                    } | {
                        /**
                         * @description First rung (r).
                         * @default 1
                         */
                        minEpochs?: number;
                        /**
                         * @description η: the top 1/η go on at each rung.
                         * @default 3
                         */
                        reductionFactor?: number;
                        /** @enum {string} */
                        type: "asha";
                    } | {
                        /** @default 3 */
                        minTrials?: number;
                        /** @enum {string} */
                        type: "median";
                        /** @default 1 */
                        warmupEpochs?: number;
                    };
                    /** @description What every trial needs (its worker pool); a variant may say otherwise. */
                    resources?: {
                        /**
                         * @description The worker pool that trains it: "gpu" trials wait for a worker serving gpu (WORKER_POOLS), "cpu" (the default) for one serving cpu.
                         * @enum {string}
                         */
                        pool: "cpu" | "gpu";
                    };
                    /**
                     * @default {
                     *       "seed": 0,
                     *       "startupTrials": 5,
                     *       "candidates": 64
                     *     }
                     */
                    search?: {
                        /**
                         * @description tpe: candidates scored per proposal, at least: a space of more than 5 parameters draws 12.8 per parameter (128 at 10).
                         * @default 64
                         */
                        candidates?: number;
                        /** @description tpe: fraction of trials counted as good (default: Optuna's schedule, the best 10% up to 25). */
                        gamma?: number;
                        /**
                         * @description Seeds random and tpe proposals.
                         * @default 0
                         */
                        seed?: number;
                        /**
                         * @description tpe: random proposals before the model is used.
                         * @default 5
                         */
                        startupTrials?: number;
                    };
                    /** @description What grid, random, tpe and walk search. */
                    space?: {
                        /**
                         * @description The variant every proposal starts from; parameters override its fields.
                         * @default {}
                         */
                        base?: {
                            model?: Record<string, never>;
                            training?: Record<string, never>;
                        };
                        /** @description Parameter path → distribution, in the order they are decided. */
                        parameters: {
                            [key: string]: {
                                /** @enum {string} */
                                type: "fixed";
                                value: string | number | boolean | null | (string | number | boolean | {
                                    [key: string]: string | number | boolean | null;
                                })[] | {
                                    [key: string]: string | number | boolean | null;
                                };
                                /** @description Condition: {"model.kind": ["convnet"]} makes the parameter exist only for conv nets. */
                                when?: {
                                    [key: string]: (string | number | boolean | null)[];
                                };
                            } | {
                                /** @description Where a walk starts (default: the first value). */
                                start?: string | number | boolean | null | (string | number | boolean | {
                                    [key: string]: string | number | boolean | null;
                                })[] | {
                                    [key: string]: string | number | boolean | null;
                                };
                                /** @enum {string} */
                                type: "categorical";
                                values: (string | number | boolean | null | (string | number | boolean | {
                                    [key: string]: string | number | boolean | null;
                                })[] | {
                                    [key: string]: string | number | boolean | null;
                                })[];
                                /** @description Condition: {"model.kind": ["convnet"]} makes the parameter exist only for conv nets. */
                                when?: {
                                    [key: string]: (string | number | boolean | null)[];
                                };
                            } | {
                                /** @default false */
                                log?: boolean;
                                max: number;
                                min: number;
                                start?: number;
                                /** @default 1 */
                                step?: number;
                                /** @enum {string} */
                                type: "int";
                                /** @description Condition: {"model.kind": ["convnet"]} makes the parameter exist only for conv nets. */
                                when?: {
                                    [key: string]: (string | number | boolean | null)[];
                                };
                            } | {
                                max: number;
                                min: number;
                                start?: number;
                                step?: number;
                                /** @enum {string} */
                                type: "uniform";
                                /** @description Condition: {"model.kind": ["convnet"]} makes the parameter exist only for conv nets. */
                                when?: {
                                    [key: string]: (string | number | boolean | null)[];
                                };
                            } | {
                                factor?: number;
                                max: number;
                                min: number;
                                start?: number;
                                /** @enum {string} */
                                type: "loguniform";
                                /** @description Condition: {"model.kind": ["convnet"]} makes the parameter exist only for conv nets. */
                                when?: {
                                    [key: string]: (string | number | boolean | null)[];
                                };
                            };
                        };
                    };
                    /**
                     * @description Training settings for every variant (seed defaults).
                     * @default {}
                     */
                    training?: {
                        /** @description SGD mini-batch size (seed: 1). */
                        batchSize?: number;
                        /** @description The images a trial trains on: 'mnist' (the default), 'fashion-mnist' (Zalando's clothing images, same shape and split), or the name of a dataset uploaded to the sweep's project (POST /datasets, docs/datasets.md). */
                        dataset?: string;
                        /** @description Learning rate of every optimizer, at the start of the schedule (seed: 0.001). */
                        learningRate?: number;
                        /** @description Upper bound on epochs (seed: 30). */
                        maxEpochs?: number;
                        /** @description SGD momentum (seed: 0.9); not used by adam and adamw. */
                        momentum?: number;
                        /** @description The optimizer: sgd (default; momentum from training.momentum), adam or adamw. Every field is searchable (training.optimizer.type, training.optimizer.beta2, ...). */
                        optimizer?: {
                            /** @description Nesterov's momentum instead of the classical one. Default false. */
                            nesterov?: boolean;
                            /**
                             * @default sgd
                             * @enum {string}
                             */
                            type?: "sgd";
                            /** @description L2 weight decay: weightDecay·w is added to the gradient of every weight and bias. Default 0. */
                            weightDecay?: number;
                        } | {
                            /** @description Decay rate of the first (mean of the gradient) moment estimate. Default 0.9. */
                            beta1?: number;
                            /** @description Decay rate of the second (mean of its square) moment estimate. Default 0.999. */
                            beta2?: number;
                            /** @description Added to the root of the second moment before dividing. Default 1e-8. */
                            epsilon?: number;
                            /** @enum {string} */
                            type: "adam";
                            /** @description L2 weight decay, added to the gradient (weightDecay·w) before the moments, as PyTorch's Adam weight_decay. Default 0. */
                            weightDecay?: number;
                        } | {
                            /** @description Decay rate of the first (mean of the gradient) moment estimate. Default 0.9. */
                            beta1?: number;
                            /** @description Decay rate of the second (mean of its square) moment estimate. Default 0.999. */
                            beta2?: number;
                            /** @description Added to the root of the second moment before dividing. Default 1e-8. */
                            epsilon?: number;
                            /** @enum {string} */
                            type: "adamw";
                            /** @description Decoupled weight decay (Loshchilov & Hutter): each step w ← w·(1 − learningRate·weightDecay) before the Adam update, as PyTorch AdamW. Default 0.01. */
                            weightDecay?: number;
                        };
                        /** @description Stop after this many epochs without a better validation error (seed: 10). */
                        patience?: number;
                        /** @description How the learning rate changes during a trial. Default: constant. */
                        schedule?: {
                            /** @enum {string} */
                            type: "constant";
                            /** @description Epochs (fractions allowed) over which the rate climbs linearly from near 0 to learningRate before the schedule starts. Default 0. */
                            warmupEpochs?: number;
                        } | {
                            /** @description Multiply the rate by `factor` after every this many epochs. */
                            everyEpochs: number;
                            /** @description The decay factor, e.g. 0.1. */
                            factor: number;
                            /** @enum {string} */
                            type: "step";
                            /** @description Epochs (fractions allowed) over which the rate climbs linearly from near 0 to learningRate before the schedule starts. Default 0. */
                            warmupEpochs?: number;
                        } | {
                            /** @description The rate at the last epoch, as a fraction of learningRate. Default 0. */
                            minFactor?: number;
                            /** @enum {string} */
                            type: "cosine";
                            /** @description Epochs (fractions allowed) over which the rate climbs linearly from near 0 to learningRate before the schedule starts. Default 0. */
                            warmupEpochs?: number;
                        };
                        /** @description Seeds weight initialisation and shuffling. */
                        seed?: number;
                        /** @description Measure test error on the first N of the 10,000 test images. */
                        testSubset?: number;
                        /** @description Train on the first N of the 50,000 training images. */
                        trainSubset?: number;
                        /** @description Validate on the first N of the 10,000 validation images. */
                        valSubset?: number;
                    };
                    /** @description Explicit variants, trained first (all a "list" sweep trains). */
                    variants?: {
                        model: {
                            /** @description Absent: no augmentation (28x28 inputs). */
                            augmentation?: {
                                /**
                                 * @description Augmented samples an epoch draws per original training image (seed: 4, "4 times").
                                 * @default 4
                                 */
                                expansion?: number;
                                /**
                                 * @description Largest rotation in degrees, either way (seed: 20).
                                 * @default 20
                                 */
                                maxRotation?: number;
                            };
                            /** @enum {string} */
                            kind: "logistic";
                        } | {
                            /** @description Absent: no augmentation (28x28 inputs). */
                            augmentation?: {
                                /**
                                 * @description Augmented samples an epoch draws per original training image (seed: 4, "4 times").
                                 * @default 4
                                 */
                                expansion?: number;
                                /**
                                 * @description Largest rotation in degrees, either way (seed: 20).
                                 * @default 20
                                 */
                                maxRotation?: number;
                            };
                            /** @description P(y=i|x) = softmax(−β·z)_i with z = Wx + b (seed 1.2). Absent = −1: the ordinary softmax(z). */
                            beta?: number;
                            /** @enum {string} */
                            kind: "softmax";
                        } | {
                            /**
                             * @description Of every conv and hidden dense layer.
                             * @default relu
                             * @enum {string}
                             */
                            activation?: "relu" | "tanh" | "sigmoid";
                            /** @description Absent: no augmentation (28x28 inputs). */
                            augmentation?: {
                                /**
                                 * @description Augmented samples an epoch draws per original training image (seed: 4, "4 times").
                                 * @default 4
                                 */
                                expansion?: number;
                                /**
                                 * @description Largest rotation in degrees, either way (seed: 20).
                                 * @default 20
                                 */
                                maxRotation?: number;
                            };
                            /** @description Columns, each its own conv stack on its own input transformation (identity, transpose, flip-left-right, flip-up-down, rotate-180); default 1. */
                            columns?: number;
                            /**
                             * @description Width of the hidden dense layer, or widths of several ([] = none) before the 10-way softmax.
                             * @default 128
                             */
                            denseUnits?: number | number[];
                            /** @description Default: none. */
                            dropout?: {
                                /**
                                 * @description Rate after conv blocks (placement conv-and-fc only).
                                 * @default 0.25
                                 */
                                convRate?: number;
                                /**
                                 * @default none
                                 * @enum {string}
                                 */
                                placement?: "none" | "one-fc" | "all-fc" | "conv-and-fc";
                                /**
                                 * @description Rate on fully connected inputs.
                                 * @default 0.5
                                 */
                                rate?: number;
                            };
                            /**
                             * @description Feature maps of each conv layer, in order (seed "64, 64, 128" = featureMaps [64, 64] + denseUnits 128).
                             * @default [
                             *       32,
                             *       64
                             *     ]
                             */
                            featureMaps?: number[];
                            /**
                             * @description Square filter side: one for every conv layer, or one per layer (seed "5, 5").
                             * @default 5
                             */
                            filterSize?: number | number[];
                            /** @enum {string} */
                            kind: "convnet";
                            /** @description Default: max 2x2 stride 2. */
                            pooling?: {
                                /**
                                 * @description Square window side (seed: 2; overlapping: 3).
                                 * @default 2
                                 */
                                size?: number;
                                /**
                                 * @description Step between windows (seed: 2); stride < size overlaps.
                                 * @default 2
                                 */
                                stride?: number;
                                /**
                                 * @description max, l2 (sqrt of the sum of squares) or average.
                                 * @default max
                                 * @enum {string}
                                 */
                                type?: "max" | "l2" | "average";
                            };
                        } | {
                            /** @description Absent: no augmentation. With it, 28x28 images are seen as 32x32. */
                            augmentation?: {
                                /**
                                 * @description Augmented samples an epoch draws per original training image (seed: 4, "4 times").
                                 * @default 4
                                 */
                                expansion?: number;
                                /**
                                 * @description Largest rotation in degrees, either way (seed: 20).
                                 * @default 20
                                 */
                                maxRotation?: number;
                            };
                            /** @description Columns, each the whole stack on its own input transformation (identity, transpose, flip-left-right, flip-up-down, rotate-180), concatenated before the output layer; default 1. */
                            columns?: number;
                            /** @enum {string} */
                            kind: "layers";
                            /** @description In order, from the input; the output dense softmax layer (one unit per class) is appended. */
                            layers: ({
                                /**
                                 * @description Applied to the output; absent: none (linear).
                                 * @enum {string}
                                 */
                                activation?: "relu" | "tanh" | "sigmoid" | "gelu" | "leakyRelu";
                                /** @description leakyRelu: slope for x < 0 (default 0.01). */
                                alpha?: number;
                                /** @description Output channels. */
                                filters: number;
                                /** @description Square kernel side. */
                                kernel: number;
                                /**
                                 * @description valid: no padding; same: output side = ceil(input / stride).
                                 * @default valid
                                 * @enum {string}
                                 */
                                padding?: "valid" | "same";
                                /** @default 1 */
                                stride?: number;
                                /** @enum {string} */
                                type: "conv2d";
                            } | {
                                /**
                                 * @description Square window side.
                                 * @default 2
                                 */
                                size?: number;
                                /** @description Step between windows; default: the size (no overlap). */
                                stride?: number;
                                /** @enum {string} */
                                type: "maxPool";
                            } | {
                                /**
                                 * @description Square window side.
                                 * @default 2
                                 */
                                size?: number;
                                /** @description Step between windows; default: the size (no overlap). */
                                stride?: number;
                                /** @enum {string} */
                                type: "avgPool";
                            } | {
                                /**
                                 * @description Square window side.
                                 * @default 2
                                 */
                                size?: number;
                                /** @description Step between windows; default: the size (no overlap). */
                                stride?: number;
                                /** @enum {string} */
                                type: "l2Pool";
                            } | {
                                /**
                                 * @description Applied to the output; absent: none (linear).
                                 * @enum {string}
                                 */
                                activation?: "relu" | "tanh" | "sigmoid" | "gelu" | "leakyRelu";
                                /** @description leakyRelu: slope for x < 0 (default 0.01). */
                                alpha?: number;
                                /** @enum {string} */
                                type: "dense";
                                units: number;
                            } | {
                                /** @description Probability of dropping a unit while training. */
                                rate: number;
                                /** @enum {string} */
                                type: "dropout";
                            } | {
                                /**
                                 * @description Added to the variance (Keras default 1e-3).
                                 * @default 0.001
                                 */
                                epsilon?: number;
                                /**
                                 * @description Running averages: avg ← momentum·avg + (1 − momentum)·batch statistic (Keras default 0.99).
                                 * @default 0.99
                                 */
                                momentum?: number;
                                /** @enum {string} */
                                type: "batchNorm";
                            } | {
                                /** @enum {string} */
                                activation: "relu" | "tanh" | "sigmoid" | "gelu" | "leakyRelu";
                                /** @description leakyRelu: slope for x < 0 (default 0.01). */
                                alpha?: number;
                                /** @enum {string} */
                                type: "activation";
                            } | {
                                /** @enum {string} */
                                type: "flatten";
                            })[];
                        } | {
                            /** @enum {string} */
                            kind: "program";
                            /**
                             * @description Hyperparameters: each reaches the program as one argument --name=value, and all of them in MODELSPACE_PARAMS_FILE.
                             * @default {}
                             */
                            params?: {
                                [key: string]: string | number | boolean;
                            };
                            /** @description A program registered on the workers (WORKER_PROGRAMS); GET /workers lists them. */
                            program: string;
                        };
                        /** @description Label shown in tables; defaults to "variant N". */
                        name?: string;
                        /** @description What this variant needs (its worker pool), over the sweep's. */
                        resources?: {
                            /**
                             * @description The worker pool that trains it: "gpu" trials wait for a worker serving gpu (WORKER_POOLS), "cpu" (the default) for one serving cpu.
                             * @enum {string}
                             */
                            pool: "cpu" | "gpu";
                        };
                        /** @description Overrides of the sweep-level training settings. */
                        training?: {
                            /** @description SGD mini-batch size (seed: 1). */
                            batchSize?: number;
                            /** @description The images a trial trains on: 'mnist' (the default), 'fashion-mnist' (Zalando's clothing images, same shape and split), or the name of a dataset uploaded to the sweep's project (POST /datasets, docs/datasets.md). */
                            dataset?: string;
                            /** @description Learning rate of every optimizer, at the start of the schedule (seed: 0.001). */
                            learningRate?: number;
                            /** @description Upper bound on epochs (seed: 30). */
                            maxEpochs?: number;
                            /** @description SGD momentum (seed: 0.9); not used by adam and adamw. */
                            momentum?: number;
                            /** @description The optimizer: sgd (default; momentum from training.momentum), adam or adamw. Every field is searchable (training.optimizer.type, training.optimizer.beta2, ...). */
                            optimizer?: {
                                /** @description Nesterov's momentum instead of the classical one. Default false. */
                                nesterov?: boolean;
                                /**
                                 * @default sgd
                                 * @enum {string}
                                 */
                                type?: "sgd";
                                /** @description L2 weight decay: weightDecay·w is added to the gradient of every weight and bias. Default 0. */
                                weightDecay?: number;
                            } | {
                                /** @description Decay rate of the first (mean of the gradient) moment estimate. Default 0.9. */
                                beta1?: number;
                                /** @description Decay rate of the second (mean of its square) moment estimate. Default 0.999. */
                                beta2?: number;
                                /** @description Added to the root of the second moment before dividing. Default 1e-8. */
                                epsilon?: number;
                                /** @enum {string} */
                                type: "adam";
                                /** @description L2 weight decay, added to the gradient (weightDecay·w) before the moments, as PyTorch's Adam weight_decay. Default 0. */
                                weightDecay?: number;
                            } | {
                                /** @description Decay rate of the first (mean of the gradient) moment estimate. Default 0.9. */
                                beta1?: number;
                                /** @description Decay rate of the second (mean of its square) moment estimate. Default 0.999. */
                                beta2?: number;
                                /** @description Added to the root of the second moment before dividing. Default 1e-8. */
                                epsilon?: number;
                                /** @enum {string} */
                                type: "adamw";
                                /** @description Decoupled weight decay (Loshchilov & Hutter): each step w ← w·(1 − learningRate·weightDecay) before the Adam update, as PyTorch AdamW. Default 0.01. */
                                weightDecay?: number;
                            };
                            /** @description Stop after this many epochs without a better validation error (seed: 10). */
                            patience?: number;
                            /** @description How the learning rate changes during a trial. Default: constant. */
                            schedule?: {
                                /** @enum {string} */
                                type: "constant";
                                /** @description Epochs (fractions allowed) over which the rate climbs linearly from near 0 to learningRate before the schedule starts. Default 0. */
                                warmupEpochs?: number;
                            } | {
                                /** @description Multiply the rate by `factor` after every this many epochs. */
                                everyEpochs: number;
                                /** @description The decay factor, e.g. 0.1. */
                                factor: number;
                                /** @enum {string} */
                                type: "step";
                                /** @description Epochs (fractions allowed) over which the rate climbs linearly from near 0 to learningRate before the schedule starts. Default 0. */
                                warmupEpochs?: number;
                            } | {
                                /** @description The rate at the last epoch, as a fraction of learningRate. Default 0. */
                                minFactor?: number;
                                /** @enum {string} */
                                type: "cosine";
                                /** @description Epochs (fractions allowed) over which the rate climbs linearly from near 0 to learningRate before the schedule starts. Default 0. */
                                warmupEpochs?: number;
                            };
                            /** @description Seeds weight initialisation and shuffling. */
                            seed?: number;
                            /** @description Measure test error on the first N of the 10,000 test images. */
                            testSubset?: number;
                            /** @description Train on the first N of the 50,000 training images. */
                            trainSubset?: number;
                            /** @description Validate on the first N of the 10,000 validation images. */
                            valSubset?: number;
                        };
                    }[];
                };
                "text/x-yaml": {
                    /** @default {} */
                    budget?: {
                        /** @description Trials queued or running at once, across all workers (default: 2 for tpe, else no limit). null: no limit. */
                        maxConcurrentTrials?: number | null;
                        /** @description No new trial starts after this long from creation: queued trials are dropped then, running ones finish. null: no limit. */
                        maxDurationSeconds?: number | null;
                        /** @description The sweep fails when more trials than this have failed. null: no limit. */
                        maxFailedTrials?: number | null;
                        /** @description Trials the sweep may create in all (default: 20 for random and tpe, else until the method is exhausted). null: no limit. */
                        maxTrials?: number | null;
                    };
                    description?: string;
                    /**
                     * @description How variants are chosen: "list" trains the given variants in order; grid, random, tpe and walk search `space`.
                     * @default list
                     * @enum {string}
                     */
                    method?: "list" | "grid" | "random" | "tpe" | "walk";
                    name: string;
                    /**
                     * @default {
                     *       "metric": "valError",
                     *       "goal": "minimize"
                     *     }
                     */
                    objective?: {
                        /**
                         * @default minimize
                         * @enum {string}
                         */
                        goal?: "minimize" | "maximize";
                        /**
                         * @default valError
                         * @enum {string}
                         */
                        metric?: "valError" | "testError" | "valLoss";
                        /** @description The sweep ends once a trial reaches this value: queued trials are dropped, running ones finish. */
                        target?: number;
                    };
                    /**
                     * @default {
                     *       "type": "none"
                     *     }
                     */
                    pruner?: {
                        /** @enum {string} */
                        type: "none";
                    } | {
                        /**
                         * @description First rung (r).
                         * @default 1
                         */
                        minEpochs?: number;
                        /**
                         * @description η: the top 1/η go on at each rung.
                         * @default 3
                         */
                        reductionFactor?: number;
                        /** @enum {string} */
                        type: "asha";
                    } | {
                        /** @default 3 */
                        minTrials?: number;
                        /** @enum {string} */
                        type: "median";
                        /** @default 1 */
                        warmupEpochs?: number;
                    };
                    /** @description What every trial needs (its worker pool); a variant may say otherwise. */
                    resources?: {
                        /**
                         * @description The worker pool that trains it: "gpu" trials wait for a worker serving gpu (WORKER_POOLS), "cpu" (the default) for one serving cpu.
                         * @enum {string}
                         */
                        pool: "cpu" | "gpu";
                    };
                    /**
                     * @default {
                     *       "seed": 0,
                     *       "startupTrials": 5,
                     *       "candidates": 64
                     *     }
                     */
                    search?: {
                        /**
                         * @description tpe: candidates scored per proposal, at least: a space of more than 5 parameters draws 12.8 per parameter (128 at 10).
                         * @default 64
                         */
                        candidates?: number;
                        /** @description tpe: fraction of trials counted as good (default: Optuna's schedule, the best 10% up to 25). */
                        gamma?: number;
                        /**
                         * @description Seeds random and tpe proposals.
                         * @default 0
                         */
                        seed?: number;
                        /**
                         * @description tpe: random proposals before the model is used.
                         * @default 5
                         */
                        startupTrials?: number;
                    };
                    /** @description What grid, random, tpe and walk search. */
                    space?: {
                        /**
                         * @description The variant every proposal starts from; parameters override its fields.
                         * @default {}
                         */
                        base?: {
                            model?: Record<string, never>;
                            training?: Record<string, never>;
                        };
                        /** @description Parameter path → distribution, in the order they are decided. */
                        parameters: {
                            [key: string]: {
                                /** @enum {string} */
                                type: "fixed";
                                value: string | number | boolean | null | (string | number | boolean | {
                                    [key: string]: string | number | boolean | null;
                                })[] | {
                                    [key: string]: string | number | boolean | null;
                                };
                                /** @description Condition: {"model.kind": ["convnet"]} makes the parameter exist only for conv nets. */
                                when?: {
                                    [key: string]: (string | number | boolean | null)[];
                                };
                            } | {
                                /** @description Where a walk starts (default: the first value). */
                                start?: string | number | boolean | null | (string | number | boolean | {
                                    [key: string]: string | number | boolean | null;
                                })[] | {
                                    [key: string]: string | number | boolean | null;
                                };
                                /** @enum {string} */
                                type: "categorical";
                                values: (string | number | boolean | null | (string | number | boolean | {
                                    [key: string]: string | number | boolean | null;
                                })[] | {
                                    [key: string]: string | number | boolean | null;
                                })[];
                                /** @description Condition: {"model.kind": ["convnet"]} makes the parameter exist only for conv nets. */
                                when?: {
                                    [key: string]: (string | number | boolean | null)[];
                                };
                            } | {
                                /** @default false */
                                log?: boolean;
                                max: number;
                                min: number;
                                start?: number;
                                /** @default 1 */
                                step?: number;
                                /** @enum {string} */
                                type: "int";
                                /** @description Condition: {"model.kind": ["convnet"]} makes the parameter exist only for conv nets. */
                                when?: {
                                    [key: string]: (string | number | boolean | null)[];
                                };
                            } | {
                                max: number;
                                min: number;
                                start?: number;
                                step?: number;
                                /** @enum {string} */
                                type: "uniform";
                                /** @description Condition: {"model.kind": ["convnet"]} makes the parameter exist only for conv nets. */
                                when?: {
                                    [key: string]: (string | number | boolean | null)[];
                                };
                            } | {
                                factor?: number;
                                max: number;
                                min: number;
                                start?: number;
                                /** @enum {string} */
                                type: "loguniform";
                                /** @description Condition: {"model.kind": ["convnet"]} makes the parameter exist only for conv nets. */
                                when?: {
                                    [key: string]: (string | number | boolean | null)[];
                                };
                            };
                        };
                    };
                    /**
                     * @description Training settings for every variant (seed defaults).
                     * @default {}
                     */
                    training?: {
                        /** @description SGD mini-batch size (seed: 1). */
                        batchSize?: number;
                        /** @description The images a trial trains on: 'mnist' (the default), 'fashion-mnist' (Zalando's clothing images, same shape and split), or the name of a dataset uploaded to the sweep's project (POST /datasets, docs/datasets.md). */
                        dataset?: string;
                        /** @description Learning rate of every optimizer, at the start of the schedule (seed: 0.001). */
                        learningRate?: number;
                        /** @description Upper bound on epochs (seed: 30). */
                        maxEpochs?: number;
                        /** @description SGD momentum (seed: 0.9); not used by adam and adamw. */
                        momentum?: number;
                        /** @description The optimizer: sgd (default; momentum from training.momentum), adam or adamw. Every field is searchable (training.optimizer.type, training.optimizer.beta2, ...). */
                        optimizer?: {
                            /** @description Nesterov's momentum instead of the classical one. Default false. */
                            nesterov?: boolean;
                            /**
                             * @default sgd
                             * @enum {string}
                             */
                            type?: "sgd";
                            /** @description L2 weight decay: weightDecay·w is added to the gradient of every weight and bias. Default 0. */
                            weightDecay?: number;
                        } | {
                            /** @description Decay rate of the first (mean of the gradient) moment estimate. Default 0.9. */
                            beta1?: number;
                            /** @description Decay rate of the second (mean of its square) moment estimate. Default 0.999. */
                            beta2?: number;
                            /** @description Added to the root of the second moment before dividing. Default 1e-8. */
                            epsilon?: number;
                            /** @enum {string} */
                            type: "adam";
                            /** @description L2 weight decay, added to the gradient (weightDecay·w) before the moments, as PyTorch's Adam weight_decay. Default 0. */
                            weightDecay?: number;
                        } | {
                            /** @description Decay rate of the first (mean of the gradient) moment estimate. Default 0.9. */
                            beta1?: number;
                            /** @description Decay rate of the second (mean of its square) moment estimate. Default 0.999. */
                            beta2?: number;
                            /** @description Added to the root of the second moment before dividing. Default 1e-8. */
                            epsilon?: number;
                            /** @enum {string} */
                            type: "adamw";
                            /** @description Decoupled weight decay (Loshchilov & Hutter): each step w ← w·(1 − learningRate·weightDecay) before the Adam update, as PyTorch AdamW. Default 0.01. */
                            weightDecay?: number;
                        };
                        /** @description Stop after this many epochs without a better validation error (seed: 10). */
                        patience?: number;
                        /** @description How the learning rate changes during a trial. Default: constant. */
                        schedule?: {
                            /** @enum {string} */
                            type: "constant";
                            /** @description Epochs (fractions allowed) over which the rate climbs linearly from near 0 to learningRate before the schedule starts. Default 0. */
                            warmupEpochs?: number;
                        } | {
                            /** @description Multiply the rate by `factor` after every this many epochs. */
                            everyEpochs: number;
                            /** @description The decay factor, e.g. 0.1. */
                            factor: number;
                            /** @enum {string} */
                            type: "step";
                            /** @description Epochs (fractions allowed) over which the rate climbs linearly from near 0 to learningRate before the schedule starts. Default 0. */
                            warmupEpochs?: number;
                        } | {
                            /** @description The rate at the last epoch, as a fraction of learningRate. Default 0. */
                            minFactor?: number;
                            /** @enum {string} */
                            type: "cosine";
                            /** @description Epochs (fractions allowed) over which the rate climbs linearly from near 0 to learningRate before the schedule starts. Default 0. */
                            warmupEpochs?: number;
                        };
                        /** @description Seeds weight initialisation and shuffling. */
                        seed?: number;
                        /** @description Measure test error on the first N of the 10,000 test images. */
                        testSubset?: number;
                        /** @description Train on the first N of the 50,000 training images. */
                        trainSubset?: number;
                        /** @description Validate on the first N of the 10,000 validation images. */
                        valSubset?: number;
                    };
                    /** @description Explicit variants, trained first (all a "list" sweep trains). */
                    variants?: {
                        model: {
                            /** @description Absent: no augmentation (28x28 inputs). */
                            augmentation?: {
                                /**
                                 * @description Augmented samples an epoch draws per original training image (seed: 4, "4 times").
                                 * @default 4
                                 */
                                expansion?: number;
                                /**
                                 * @description Largest rotation in degrees, either way (seed: 20).
                                 * @default 20
                                 */
                                maxRotation?: number;
                            };
                            /** @enum {string} */
                            kind: "logistic";
                        } | {
                            /** @description Absent: no augmentation (28x28 inputs). */
                            augmentation?: {
                                /**
                                 * @description Augmented samples an epoch draws per original training image (seed: 4, "4 times").
                                 * @default 4
                                 */
                                expansion?: number;
                                /**
                                 * @description Largest rotation in degrees, either way (seed: 20).
                                 * @default 20
                                 */
                                maxRotation?: number;
                            };
                            /** @description P(y=i|x) = softmax(−β·z)_i with z = Wx + b (seed 1.2). Absent = −1: the ordinary softmax(z). */
                            beta?: number;
                            /** @enum {string} */
                            kind: "softmax";
                        } | {
                            /**
                             * @description Of every conv and hidden dense layer.
                             * @default relu
                             * @enum {string}
                             */
                            activation?: "relu" | "tanh" | "sigmoid";
                            /** @description Absent: no augmentation (28x28 inputs). */
                            augmentation?: {
                                /**
                                 * @description Augmented samples an epoch draws per original training image (seed: 4, "4 times").
                                 * @default 4
                                 */
                                expansion?: number;
                                /**
                                 * @description Largest rotation in degrees, either way (seed: 20).
                                 * @default 20
                                 */
                                maxRotation?: number;
                            };
                            /** @description Columns, each its own conv stack on its own input transformation (identity, transpose, flip-left-right, flip-up-down, rotate-180); default 1. */
                            columns?: number;
                            /**
                             * @description Width of the hidden dense layer, or widths of several ([] = none) before the 10-way softmax.
                             * @default 128
                             */
                            denseUnits?: number | number[];
                            /** @description Default: none. */
                            dropout?: {
                                /**
                                 * @description Rate after conv blocks (placement conv-and-fc only).
                                 * @default 0.25
                                 */
                                convRate?: number;
                                /**
                                 * @default none
                                 * @enum {string}
                                 */
                                placement?: "none" | "one-fc" | "all-fc" | "conv-and-fc";
                                /**
                                 * @description Rate on fully connected inputs.
                                 * @default 0.5
                                 */
                                rate?: number;
                            };
                            /**
                             * @description Feature maps of each conv layer, in order (seed "64, 64, 128" = featureMaps [64, 64] + denseUnits 128).
                             * @default [
                             *       32,
                             *       64
                             *     ]
                             */
                            featureMaps?: number[];
                            /**
                             * @description Square filter side: one for every conv layer, or one per layer (seed "5, 5").
                             * @default 5
                             */
                            filterSize?: number | number[];
                            /** @enum {string} */
                            kind: "convnet";
                            /** @description Default: max 2x2 stride 2. */
                            pooling?: {
                                /**
                                 * @description Square window side (seed: 2; overlapping: 3).
                                 * @default 2
                                 */
                                size?: number;
                                /**
                                 * @description Step between windows (seed: 2); stride < size overlaps.
                                 * @default 2
                                 */
                                stride?: number;
                                /**
                                 * @description max, l2 (sqrt of the sum of squares) or average.
                                 * @default max
                                 * @enum {string}
                                 */
                                type?: "max" | "l2" | "average";
                            };
                        } | {
                            /** @description Absent: no augmentation. With it, 28x28 images are seen as 32x32. */
                            augmentation?: {
                                /**
                                 * @description Augmented samples an epoch draws per original training image (seed: 4, "4 times").
                                 * @default 4
                                 */
                                expansion?: number;
                                /**
                                 * @description Largest rotation in degrees, either way (seed: 20).
                                 * @default 20
                                 */
                                maxRotation?: number;
                            };
                            /** @description Columns, each the whole stack on its own input transformation (identity, transpose, flip-left-right, flip-up-down, rotate-180), concatenated before the output layer; default 1. */
                            columns?: number;
                            /** @enum {string} */
                            kind: "layers";
                            /** @description In order, from the input; the output dense softmax layer (one unit per class) is appended. */
                            layers: ({
                                /**
                                 * @description Applied to the output; absent: none (linear).
                                 * @enum {string}
                                 */
                                activation?: "relu" | "tanh" | "sigmoid" | "gelu" | "leakyRelu";
                                /** @description leakyRelu: slope for x < 0 (default 0.01). */
                                alpha?: number;
                                /** @description Output channels. */
                                filters: number;
                                /** @description Square kernel side. */
                                kernel: number;
                                /**
                                 * @description valid: no padding; same: output side = ceil(input / stride).
                                 * @default valid
                                 * @enum {string}
                                 */
                                padding?: "valid" | "same";
                                /** @default 1 */
                                stride?: number;
                                /** @enum {string} */
                                type: "conv2d";
                            } | {
                                /**
                                 * @description Square window side.
                                 * @default 2
                                 */
                                size?: number;
                                /** @description Step between windows; default: the size (no overlap). */
                                stride?: number;
                                /** @enum {string} */
                                type: "maxPool";
                            } | {
                                /**
                                 * @description Square window side.
                                 * @default 2
                                 */
                                size?: number;
                                /** @description Step between windows; default: the size (no overlap). */
                                stride?: number;
                                /** @enum {string} */
                                type: "avgPool";
                            } | {
                                /**
                                 * @description Square window side.
                                 * @default 2
                                 */
                                size?: number;
                                /** @description Step between windows; default: the size (no overlap). */
                                stride?: number;
                                /** @enum {string} */
                                type: "l2Pool";
                            } | {
                                /**
                                 * @description Applied to the output; absent: none (linear).
                                 * @enum {string}
                                 */
                                activation?: "relu" | "tanh" | "sigmoid" | "gelu" | "leakyRelu";
                                /** @description leakyRelu: slope for x < 0 (default 0.01). */
                                alpha?: number;
                                /** @enum {string} */
                                type: "dense";
                                units: number;
                            } | {
                                /** @description Probability of dropping a unit while training. */
                                rate: number;
                                /** @enum {string} */
                                type: "dropout";
                            } | {
                                /**
                                 * @description Added to the variance (Keras default 1e-3).
                                 * @default 0.001
                                 */
                                epsilon?: number;
                                /**
                                 * @description Running averages: avg ← momentum·avg + (1 − momentum)·batch statistic (Keras default 0.99).
                                 * @default 0.99
                                 */
                                momentum?: number;
                                /** @enum {string} */
                                type: "batchNorm";
                            } | {
                                /** @enum {string} */
                                activation: "relu" | "tanh" | "sigmoid" | "gelu" | "leakyRelu";
                                /** @description leakyRelu: slope for x < 0 (default 0.01). */
                                alpha?: number;
                                /** @enum {string} */
                                type: "activation";
                            } | {
                                /** @enum {string} */
                                type: "flatten";
                            })[];
                        } | {
                            /** @enum {string} */
                            kind: "program";
                            /**
                             * @description Hyperparameters: each reaches the program as one argument --name=value, and all of them in MODELSPACE_PARAMS_FILE.
                             * @default {}
                             */
                            params?: {
                                [key: string]: string | number | boolean;
                            };
                            /** @description A program registered on the workers (WORKER_PROGRAMS); GET /workers lists them. */
                            program: string;
                        };
                        /** @description Label shown in tables; defaults to "variant N". */
                        name?: string;
                        /** @description What this variant needs (its worker pool), over the sweep's. */
                        resources?: {
                            /**
                             * @description The worker pool that trains it: "gpu" trials wait for a worker serving gpu (WORKER_POOLS), "cpu" (the default) for one serving cpu.
                             * @enum {string}
                             */
                            pool: "cpu" | "gpu";
                        };
                        /** @description Overrides of the sweep-level training settings. */
                        training?: {
                            /** @description SGD mini-batch size (seed: 1). */
                            batchSize?: number;
                            /** @description The images a trial trains on: 'mnist' (the default), 'fashion-mnist' (Zalando's clothing images, same shape and split), or the name of a dataset uploaded to the sweep's project (POST /datasets, docs/datasets.md). */
                            dataset?: string;
                            /** @description Learning rate of every optimizer, at the start of the schedule (seed: 0.001). */
                            learningRate?: number;
                            /** @description Upper bound on epochs (seed: 30). */
                            maxEpochs?: number;
                            /** @description SGD momentum (seed: 0.9); not used by adam and adamw. */
                            momentum?: number;
                            /** @description The optimizer: sgd (default; momentum from training.momentum), adam or adamw. Every field is searchable (training.optimizer.type, training.optimizer.beta2, ...). */
                            optimizer?: {
                                /** @description Nesterov's momentum instead of the classical one. Default false. */
                                nesterov?: boolean;
                                /**
                                 * @default sgd
                                 * @enum {string}
                                 */
                                type?: "sgd";
                                /** @description L2 weight decay: weightDecay·w is added to the gradient of every weight and bias. Default 0. */
                                weightDecay?: number;
                            } | {
                                /** @description Decay rate of the first (mean of the gradient) moment estimate. Default 0.9. */
                                beta1?: number;
                                /** @description Decay rate of the second (mean of its square) moment estimate. Default 0.999. */
                                beta2?: number;
                                /** @description Added to the root of the second moment before dividing. Default 1e-8. */
                                epsilon?: number;
                                /** @enum {string} */
                                type: "adam";
                                /** @description L2 weight decay, added to the gradient (weightDecay·w) before the moments, as PyTorch's Adam weight_decay. Default 0. */
                                weightDecay?: number;
                            } | {
                                /** @description Decay rate of the first (mean of the gradient) moment estimate. Default 0.9. */
                                beta1?: number;
                                /** @description Decay rate of the second (mean of its square) moment estimate. Default 0.999. */
                                beta2?: number;
                                /** @description Added to the root of the second moment before dividing. Default 1e-8. */
                                epsilon?: number;
                                /** @enum {string} */
                                type: "adamw";
                                /** @description Decoupled weight decay (Loshchilov & Hutter): each step w ← w·(1 − learningRate·weightDecay) before the Adam update, as PyTorch AdamW. Default 0.01. */
                                weightDecay?: number;
                            };
                            /** @description Stop after this many epochs without a better validation error (seed: 10). */
                            patience?: number;
                            /** @description How the learning rate changes during a trial. Default: constant. */
                            schedule?: {
                                /** @enum {string} */
                                type: "constant";
                                /** @description Epochs (fractions allowed) over which the rate climbs linearly from near 0 to learningRate before the schedule starts. Default 0. */
                                warmupEpochs?: number;
                            } | {
                                /** @description Multiply the rate by `factor` after every this many epochs. */
                                everyEpochs: number;
                                /** @description The decay factor, e.g. 0.1. */
                                factor: number;
                                /** @enum {string} */
                                type: "step";
                                /** @description Epochs (fractions allowed) over which the rate climbs linearly from near 0 to learningRate before the schedule starts. Default 0. */
                                warmupEpochs?: number;
                            } | {
                                /** @description The rate at the last epoch, as a fraction of learningRate. Default 0. */
                                minFactor?: number;
                                /** @enum {string} */
                                type: "cosine";
                                /** @description Epochs (fractions allowed) over which the rate climbs linearly from near 0 to learningRate before the schedule starts. Default 0. */
                                warmupEpochs?: number;
                            };
                            /** @description Seeds weight initialisation and shuffling. */
                            seed?: number;
                            /** @description Measure test error on the first N of the 10,000 test images. */
                            testSubset?: number;
                            /** @description Train on the first N of the 50,000 training images. */
                            trainSubset?: number;
                            /** @description Validate on the first N of the 10,000 validation images. */
                            valSubset?: number;
                        };
                    }[];
                };
                "text/yaml": {
                    /** @default {} */
                    budget?: {
                        /** @description Trials queued or running at once, across all workers (default: 2 for tpe, else no limit). null: no limit. */
                        maxConcurrentTrials?: number | null;
                        /** @description No new trial starts after this long from creation: queued trials are dropped then, running ones finish. null: no limit. */
                        maxDurationSeconds?: number | null;
                        /** @description The sweep fails when more trials than this have failed. null: no limit. */
                        maxFailedTrials?: number | null;
                        /** @description Trials the sweep may create in all (default: 20 for random and tpe, else until the method is exhausted). null: no limit. */
                        maxTrials?: number | null;
                    };
                    description?: string;
                    /**
                     * @description How variants are chosen: "list" trains the given variants in order; grid, random, tpe and walk search `space`.
                     * @default list
                     * @enum {string}
                     */
                    method?: "list" | "grid" | "random" | "tpe" | "walk";
                    name: string;
                    /**
                     * @default {
                     *       "metric": "valError",
                     *       "goal": "minimize"
                     *     }
                     */
                    objective?: {
                        /**
                         * @default minimize
                         * @enum {string}
                         */
                        goal?: "minimize" | "maximize";
                        /**
                         * @default valError
                         * @enum {string}
                         */
                        metric?: "valError" | "testError" | "valLoss";
                        /** @description The sweep ends once a trial reaches this value: queued trials are dropped, running ones finish. */
                        target?: number;
                    };
                    /**
                     * @default {
                     *       "type": "none"
                     *     }
                     */
                    pruner?: {
                        /** @enum {string} */
                        type: "none";
                    } | {
                        /**
                         * @description First rung (r).
                         * @default 1
                         */
                        minEpochs?: number;
                        /**
                         * @description η: the top 1/η go on at each rung.
                         * @default 3
                         */
                        reductionFactor?: number;
                        /** @enum {string} */
                        type: "asha";
                    } | {
                        /** @default 3 */
                        minTrials?: number;
                        /** @enum {string} */
                        type: "median";
                        /** @default 1 */
                        warmupEpochs?: number;
                    };
                    /** @description What every trial needs (its worker pool); a variant may say otherwise. */
                    resources?: {
                        /**
                         * @description The worker pool that trains it: "gpu" trials wait for a worker serving gpu (WORKER_POOLS), "cpu" (the default) for one serving cpu.
                         * @enum {string}
                         */
                        pool: "cpu" | "gpu";
                    };
                    /**
                     * @default {
                     *       "seed": 0,
                     *       "startupTrials": 5,
                     *       "candidates": 64
                     *     }
                     */
                    search?: {
                        /**
                         * @description tpe: candidates scored per proposal, at least: a space of more than 5 parameters draws 12.8 per parameter (128 at 10).
                         * @default 64
                         */
                        candidates?: number;
                        /** @description tpe: fraction of trials counted as good (default: Optuna's schedule, the best 10% up to 25). */
                        gamma?: number;
                        /**
                         * @description Seeds random and tpe proposals.
                         * @default 0
                         */
                        seed?: number;
                        /**
                         * @description tpe: random proposals before the model is used.
                         * @default 5
                         */
                        startupTrials?: number;
                    };
                    /** @description What grid, random, tpe and walk search. */
                    space?: {
                        /**
                         * @description The variant every proposal starts from; parameters override its fields.
                         * @default {}
                         */
                        base?: {
                            model?: Record<string, never>;
                            training?: Record<string, never>;
                        };
                        /** @description Parameter path → distribution, in the order they are decided. */
                        parameters: {
                            [key: string]: {
                                /** @enum {string} */
                                type: "fixed";
                                value: string | number | boolean | null | (string | number | boolean | {
                                    [key: string]: string | number | boolean | null;
                                })[] | {
                                    [key: string]: string | number | boolean | null;
                                };
                                /** @description Condition: {"model.kind": ["convnet"]} makes the parameter exist only for conv nets. */
                                when?: {
                                    [key: string]: (string | number | boolean | null)[];
                                };
                            } | {
                                /** @description Where a walk starts (default: the first value). */
                                start?: string | number | boolean | null | (string | number | boolean | {
                                    [key: string]: string | number | boolean | null;
                                })[] | {
                                    [key: string]: string | number | boolean | null;
                                };
                                /** @enum {string} */
                                type: "categorical";
                                values: (string | number | boolean | null | (string | number | boolean | {
                                    [key: string]: string | number | boolean | null;
                                })[] | {
                                    [key: string]: string | number | boolean | null;
                                })[];
                                /** @description Condition: {"model.kind": ["convnet"]} makes the parameter exist only for conv nets. */
                                when?: {
                                    [key: string]: (string | number | boolean | null)[];
                                };
                            } | {
                                /** @default false */
                                log?: boolean;
                                max: number;
                                min: number;
                                start?: number;
                                /** @default 1 */
                                step?: number;
                                /** @enum {string} */
                                type: "int";
                                /** @description Condition: {"model.kind": ["convnet"]} makes the parameter exist only for conv nets. */
                                when?: {
                                    [key: string]: (string | number | boolean | null)[];
                                };
                            } | {
                                max: number;
                                min: number;
                                start?: number;
                                step?: number;
                                /** @enum {string} */
                                type: "uniform";
                                /** @description Condition: {"model.kind": ["convnet"]} makes the parameter exist only for conv nets. */
                                when?: {
                                    [key: string]: (string | number | boolean | null)[];
                                };
                            } | {
                                factor?: number;
                                max: number;
                                min: number;
                                start?: number;
                                /** @enum {string} */
                                type: "loguniform";
                                /** @description Condition: {"model.kind": ["convnet"]} makes the parameter exist only for conv nets. */
                                when?: {
                                    [key: string]: (string | number | boolean | null)[];
                                };
                            };
                        };
                    };
                    /**
                     * @description Training settings for every variant (seed defaults).
                     * @default {}
                     */
                    training?: {
                        /** @description SGD mini-batch size (seed: 1). */
                        batchSize?: number;
                        /** @description The images a trial trains on: 'mnist' (the default), 'fashion-mnist' (Zalando's clothing images, same shape and split), or the name of a dataset uploaded to the sweep's project (POST /datasets, docs/datasets.md). */
                        dataset?: string;
                        /** @description Learning rate of every optimizer, at the start of the schedule (seed: 0.001). */
                        learningRate?: number;
                        /** @description Upper bound on epochs (seed: 30). */
                        maxEpochs?: number;
                        /** @description SGD momentum (seed: 0.9); not used by adam and adamw. */
                        momentum?: number;
                        /** @description The optimizer: sgd (default; momentum from training.momentum), adam or adamw. Every field is searchable (training.optimizer.type, training.optimizer.beta2, ...). */
                        optimizer?: {
                            /** @description Nesterov's momentum instead of the classical one. Default false. */
                            nesterov?: boolean;
                            /**
                             * @default sgd
                             * @enum {string}
                             */
                            type?: "sgd";
                            /** @description L2 weight decay: weightDecay·w is added to the gradient of every weight and bias. Default 0. */
                            weightDecay?: number;
                        } | {
                            /** @description Decay rate of the first (mean of the gradient) moment estimate. Default 0.9. */
                            beta1?: number;
                            /** @description Decay rate of the second (mean of its square) moment estimate. Default 0.999. */
                            beta2?: number;
                            /** @description Added to the root of the second moment before dividing. Default 1e-8. */
                            epsilon?: number;
                            /** @enum {string} */
                            type: "adam";
                            /** @description L2 weight decay, added to the gradient (weightDecay·w) before the moments, as PyTorch's Adam weight_decay. Default 0. */
                            weightDecay?: number;
                        } | {
                            /** @description Decay rate of the first (mean of the gradient) moment estimate. Default 0.9. */
                            beta1?: number;
                            /** @description Decay rate of the second (mean of its square) moment estimate. Default 0.999. */
                            beta2?: number;
                            /** @description Added to the root of the second moment before dividing. Default 1e-8. */
                            epsilon?: number;
                            /** @enum {string} */
                            type: "adamw";
                            /** @description Decoupled weight decay (Loshchilov & Hutter): each step w ← w·(1 − learningRate·weightDecay) before the Adam update, as PyTorch AdamW. Default 0.01. */
                            weightDecay?: number;
                        };
                        /** @description Stop after this many epochs without a better validation error (seed: 10). */
                        patience?: number;
                        /** @description How the learning rate changes during a trial. Default: constant. */
                        schedule?: {
                            /** @enum {string} */
                            type: "constant";
                            /** @description Epochs (fractions allowed) over which the rate climbs linearly from near 0 to learningRate before the schedule starts. Default 0. */
                            warmupEpochs?: number;
                        } | {
                            /** @description Multiply the rate by `factor` after every this many epochs. */
                            everyEpochs: number;
                            /** @description The decay factor, e.g. 0.1. */
                            factor: number;
                            /** @enum {string} */
                            type: "step";
                            /** @description Epochs (fractions allowed) over which the rate climbs linearly from near 0 to learningRate before the schedule starts. Default 0. */
                            warmupEpochs?: number;
                        } | {
                            /** @description The rate at the last epoch, as a fraction of learningRate. Default 0. */
                            minFactor?: number;
                            /** @enum {string} */
                            type: "cosine";
                            /** @description Epochs (fractions allowed) over which the rate climbs linearly from near 0 to learningRate before the schedule starts. Default 0. */
                            warmupEpochs?: number;
                        };
                        /** @description Seeds weight initialisation and shuffling. */
                        seed?: number;
                        /** @description Measure test error on the first N of the 10,000 test images. */
                        testSubset?: number;
                        /** @description Train on the first N of the 50,000 training images. */
                        trainSubset?: number;
                        /** @description Validate on the first N of the 10,000 validation images. */
                        valSubset?: number;
                    };
                    /** @description Explicit variants, trained first (all a "list" sweep trains). */
                    variants?: {
                        model: {
                            /** @description Absent: no augmentation (28x28 inputs). */
                            augmentation?: {
                                /**
                                 * @description Augmented samples an epoch draws per original training image (seed: 4, "4 times").
                                 * @default 4
                                 */
                                expansion?: number;
                                /**
                                 * @description Largest rotation in degrees, either way (seed: 20).
                                 * @default 20
                                 */
                                maxRotation?: number;
                            };
                            /** @enum {string} */
                            kind: "logistic";
                        } | {
                            /** @description Absent: no augmentation (28x28 inputs). */
                            augmentation?: {
                                /**
                                 * @description Augmented samples an epoch draws per original training image (seed: 4, "4 times").
                                 * @default 4
                                 */
                                expansion?: number;
                                /**
                                 * @description Largest rotation in degrees, either way (seed: 20).
                                 * @default 20
                                 */
                                maxRotation?: number;
                            };
                            /** @description P(y=i|x) = softmax(−β·z)_i with z = Wx + b (seed 1.2). Absent = −1: the ordinary softmax(z). */
                            beta?: number;
                            /** @enum {string} */
                            kind: "softmax";
                        } | {
                            /**
                             * @description Of every conv and hidden dense layer.
                             * @default relu
                             * @enum {string}
                             */
                            activation?: "relu" | "tanh" | "sigmoid";
                            /** @description Absent: no augmentation (28x28 inputs). */
                            augmentation?: {
                                /**
                                 * @description Augmented samples an epoch draws per original training image (seed: 4, "4 times").
                                 * @default 4
                                 */
                                expansion?: number;
                                /**
                                 * @description Largest rotation in degrees, either way (seed: 20).
                                 * @default 20
                                 */
                                maxRotation?: number;
                            };
                            /** @description Columns, each its own conv stack on its own input transformation (identity, transpose, flip-left-right, flip-up-down, rotate-180); default 1. */
                            columns?: number;
                            /**
                             * @description Width of the hidden dense layer, or widths of several ([] = none) before the 10-way softmax.
                             * @default 128
                             */
                            denseUnits?: number | number[];
                            /** @description Default: none. */
                            dropout?: {
                                /**
                                 * @description Rate after conv blocks (placement conv-and-fc only).
                                 * @default 0.25
                                 */
                                convRate?: number;
                                /**
                                 * @default none
                                 * @enum {string}
                                 */
                                placement?: "none" | "one-fc" | "all-fc" | "conv-and-fc";
                                /**
                                 * @description Rate on fully connected inputs.
                                 * @default 0.5
                                 */
                                rate?: number;
                            };
                            /**
                             * @description Feature maps of each conv layer, in order (seed "64, 64, 128" = featureMaps [64, 64] + denseUnits 128).
                             * @default [
                             *       32,
                             *       64
                             *     ]
                             */
                            featureMaps?: number[];
                            /**
                             * @description Square filter side: one for every conv layer, or one per layer (seed "5, 5").
                             * @default 5
                             */
                            filterSize?: number | number[];
                            /** @enum {string} */
                            kind: "convnet";
                            /** @description Default: max 2x2 stride 2. */
                            pooling?: {
                                /**
                                 * @description Square window side (seed: 2; overlapping: 3).
                                 * @default 2
                                 */
                                size?: number;
                                /**
                                 * @description Step between windows (seed: 2); stride < size overlaps.
                                 * @default 2
                                 */
                                stride?: number;
                                /**
                                 * @description max, l2 (sqrt of the sum of squares) or average.
                                 * @default max
                                 * @enum {string}
                                 */
                                type?: "max" | "l2" | "average";
                            };
                        } | {
                            /** @description Absent: no augmentation. With it, 28x28 images are seen as 32x32. */
                            augmentation?: {
                                /**
                                 * @description Augmented samples an epoch draws per original training image (seed: 4, "4 times").
                                 * @default 4
                                 */
                                expansion?: number;
                                /**
                                 * @description Largest rotation in degrees, either way (seed: 20).
                                 * @default 20
                                 */
                                maxRotation?: number;
                            };
                            /** @description Columns, each the whole stack on its own input transformation (identity, transpose, flip-left-right, flip-up-down, rotate-180), concatenated before the output layer; default 1. */
                            columns?: number;
                            /** @enum {string} */
                            kind: "layers";
                            /** @description In order, from the input; the output dense softmax layer (one unit per class) is appended. */
                            layers: ({
                                /**
                                 * @description Applied to the output; absent: none (linear).
                                 * @enum {string}
                                 */
                                activation?: "relu" | "tanh" | "sigmoid" | "gelu" | "leakyRelu";
                                /** @description leakyRelu: slope for x < 0 (default 0.01). */
                                alpha?: number;
                                /** @description Output channels. */
                                filters: number;
                                /** @description Square kernel side. */
                                kernel: number;
                                /**
                                 * @description valid: no padding; same: output side = ceil(input / stride).
                                 * @default valid
                                 * @enum {string}
                                 */
                                padding?: "valid" | "same";
                                /** @default 1 */
                                stride?: number;
                                /** @enum {string} */
                                type: "conv2d";
                            } | {
                                /**
                                 * @description Square window side.
                                 * @default 2
                                 */
                                size?: number;
                                /** @description Step between windows; default: the size (no overlap). */
                                stride?: number;
                                /** @enum {string} */
                                type: "maxPool";
                            } | {
                                /**
                                 * @description Square window side.
                                 * @default 2
                                 */
                                size?: number;
                                /** @description Step between windows; default: the size (no overlap). */
                                stride?: number;
                                /** @enum {string} */
                                type: "avgPool";
                            } | {
                                /**
                                 * @description Square window side.
                                 * @default 2
                                 */
                                size?: number;
                                /** @description Step between windows; default: the size (no overlap). */
                                stride?: number;
                                /** @enum {string} */
                                type: "l2Pool";
                            } | {
                                /**
                                 * @description Applied to the output; absent: none (linear).
                                 * @enum {string}
                                 */
                                activation?: "relu" | "tanh" | "sigmoid" | "gelu" | "leakyRelu";
                                /** @description leakyRelu: slope for x < 0 (default 0.01). */
                                alpha?: number;
                                /** @enum {string} */
                                type: "dense";
                                units: number;
                            } | {
                                /** @description Probability of dropping a unit while training. */
                                rate: number;
                                /** @enum {string} */
                                type: "dropout";
                            } | {
                                /**
                                 * @description Added to the variance (Keras default 1e-3).
                                 * @default 0.001
                                 */
                                epsilon?: number;
                                /**
                                 * @description Running averages: avg ← momentum·avg + (1 − momentum)·batch statistic (Keras default 0.99).
                                 * @default 0.99
                                 */
                                momentum?: number;
                                /** @enum {string} */
                                type: "batchNorm";
                            } | {
                                /** @enum {string} */
                                activation: "relu" | "tanh" | "sigmoid" | "gelu" | "leakyRelu";
                                /** @description leakyRelu: slope for x < 0 (default 0.01). */
                                alpha?: number;
                                /** @enum {string} */
                                type: "activation";
                            } | {
                                /** @enum {string} */
                                type: "flatten";
                            })[];
                        } | {
                            /** @enum {string} */
                            kind: "program";
                            /**
                             * @description Hyperparameters: each reaches the program as one argument --name=value, and all of them in MODELSPACE_PARAMS_FILE.
                             * @default {}
                             */
                            params?: {
                                [key: string]: string | number | boolean;
                            };
                            /** @description A program registered on the workers (WORKER_PROGRAMS); GET /workers lists them. */
                            program: string;
                        };
                        /** @description Label shown in tables; defaults to "variant N". */
                        name?: string;
                        /** @description What this variant needs (its worker pool), over the sweep's. */
                        resources?: {
                            /**
                             * @description The worker pool that trains it: "gpu" trials wait for a worker serving gpu (WORKER_POOLS), "cpu" (the default) for one serving cpu.
                             * @enum {string}
                             */
                            pool: "cpu" | "gpu";
                        };
                        /** @description Overrides of the sweep-level training settings. */
                        training?: {
                            /** @description SGD mini-batch size (seed: 1). */
                            batchSize?: number;
                            /** @description The images a trial trains on: 'mnist' (the default), 'fashion-mnist' (Zalando's clothing images, same shape and split), or the name of a dataset uploaded to the sweep's project (POST /datasets, docs/datasets.md). */
                            dataset?: string;
                            /** @description Learning rate of every optimizer, at the start of the schedule (seed: 0.001). */
                            learningRate?: number;
                            /** @description Upper bound on epochs (seed: 30). */
                            maxEpochs?: number;
                            /** @description SGD momentum (seed: 0.9); not used by adam and adamw. */
                            momentum?: number;
                            /** @description The optimizer: sgd (default; momentum from training.momentum), adam or adamw. Every field is searchable (training.optimizer.type, training.optimizer.beta2, ...). */
                            optimizer?: {
                                /** @description Nesterov's momentum instead of the classical one. Default false. */
                                nesterov?: boolean;
                                /**
                                 * @default sgd
                                 * @enum {string}
                                 */
                                type?: "sgd";
                                /** @description L2 weight decay: weightDecay·w is added to the gradient of every weight and bias. Default 0. */
                                weightDecay?: number;
                            } | {
                                /** @description Decay rate of the first (mean of the gradient) moment estimate. Default 0.9. */
                                beta1?: number;
                                /** @description Decay rate of the second (mean of its square) moment estimate. Default 0.999. */
                                beta2?: number;
                                /** @description Added to the root of the second moment before dividing. Default 1e-8. */
                                epsilon?: number;
                                /** @enum {string} */
                                type: "adam";
                                /** @description L2 weight decay, added to the gradient (weightDecay·w) before the moments, as PyTorch's Adam weight_decay. Default 0. */
                                weightDecay?: number;
                            } | {
                                /** @description Decay rate of the first (mean of the gradient) moment estimate. Default 0.9. */
                                beta1?: number;
                                /** @description Decay rate of the second (mean of its square) moment estimate. Default 0.999. */
                                beta2?: number;
                                /** @description Added to the root of the second moment before dividing. Default 1e-8. */
                                epsilon?: number;
                                /** @enum {string} */
                                type: "adamw";
                                /** @description Decoupled weight decay (Loshchilov & Hutter): each step w ← w·(1 − learningRate·weightDecay) before the Adam update, as PyTorch AdamW. Default 0.01. */
                                weightDecay?: number;
                            };
                            /** @description Stop after this many epochs without a better validation error (seed: 10). */
                            patience?: number;
                            /** @description How the learning rate changes during a trial. Default: constant. */
                            schedule?: {
                                /** @enum {string} */
                                type: "constant";
                                /** @description Epochs (fractions allowed) over which the rate climbs linearly from near 0 to learningRate before the schedule starts. Default 0. */
                                warmupEpochs?: number;
                            } | {
                                /** @description Multiply the rate by `factor` after every this many epochs. */
                                everyEpochs: number;
                                /** @description The decay factor, e.g. 0.1. */
                                factor: number;
                                /** @enum {string} */
                                type: "step";
                                /** @description Epochs (fractions allowed) over which the rate climbs linearly from near 0 to learningRate before the schedule starts. Default 0. */
                                warmupEpochs?: number;
                            } | {
                                /** @description The rate at the last epoch, as a fraction of learningRate. Default 0. */
                                minFactor?: number;
                                /** @enum {string} */
                                type: "cosine";
                                /** @description Epochs (fractions allowed) over which the rate climbs linearly from near 0 to learningRate before the schedule starts. Default 0. */
                                warmupEpochs?: number;
                            };
                            /** @description Seeds weight initialisation and shuffling. */
                            seed?: number;
                            /** @description Measure test error on the first N of the 10,000 test images. */
                            testSubset?: number;
                            /** @description Train on the first N of the 50,000 training images. */
                            trainSubset?: number;
                            /** @description Validate on the first N of the 10,000 validation images. */
                            valSubset?: number;
                        };
                    }[];
                };
            };
        };
        responses: {
            /** @description A dry run (?dryRun=true): what the definition expands to; nothing is created */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DryRun"];
                };
            };
            /** @description The sweep was created and its first trials queued (Location: /sweeps/{id}) */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description ISO 8601 timestamp */
                        createdAt: string;
                        description: string | null;
                        finishedAt: string | null;
                        goal: string;
                        /** @description UUID */
                        id: string;
                        maxConcurrentTrials: number | null;
                        maxDurationSeconds: number | null;
                        maxFailedTrials: number | null;
                        maxTrials: number | null;
                        method: string;
                        name: string;
                        objective: string;
                        /** @description UUID */
                        projectId: string;
                        startedAt: string | null;
                        /** @enum {string} */
                        status: "queued" | "running" | "completed" | "failed" | "cancelled" | "paused" | "stopping" | "stopped";
                        statusReason: string | null;
                        trialCounts: components["schemas"]["TrialCounts"];
                        /** @description The trials created now, in order */
                        trialIds: string[];
                        /** @description ISO 8601 timestamp */
                        updatedAt: string;
                    };
                };
            };
            /** @description Bad input: each bad field with its reason (INVALID_SPEC, INVALID_REQUEST) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No API key, or one unknown or revoked (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A read key on a route that changes something (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body larger than BODY_LIMIT_BYTES (TOO_LARGE) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A body media type the API does not read (UNSUPPORTED_MEDIA_TYPE) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Over the per-key request rate, with Retry-After (RATE_LIMITED) */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Postgres or Redis unavailable, with Retry-After (DATABASE_UNAVAILABLE, QUEUE_UNAVAILABLE) */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getSweep: {
        parameters: {
            query?: {
                /** @description "spec" adds the sweep definition (also at GET /sweeps/:id/spec). */
                include?: "spec";
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The sweep (with its definition for ?include=spec) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description ISO 8601 timestamp */
                        createdAt: string;
                        description: string | null;
                        finishedAt: string | null;
                        goal: string;
                        /** @description UUID */
                        id: string;
                        maxConcurrentTrials: number | null;
                        maxDurationSeconds: number | null;
                        maxFailedTrials: number | null;
                        maxTrials: number | null;
                        method: string;
                        name: string;
                        objective: string;
                        /** @description UUID */
                        projectId: string;
                        spec?: components["schemas"]["SweepDefinition"];
                        startedAt: string | null;
                        /** @enum {string} */
                        status: "queued" | "running" | "completed" | "failed" | "cancelled" | "paused" | "stopping" | "stopped";
                        statusReason: string | null;
                        trialCounts: components["schemas"]["TrialCounts"];
                        /** @description ISO 8601 timestamp */
                        updatedAt: string;
                    };
                };
            };
            /** @description Bad input: each bad field with its reason (INVALID_SPEC, INVALID_REQUEST) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No API key, or one unknown or revoked (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such sweep or trial in the key's project, or nothing of it yet (NOT_FOUND) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A path segment too long to be an id (URI_TOO_LONG) */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Over the per-key request rate, with Retry-After (RATE_LIMITED) */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Postgres or Redis unavailable, with Retry-After (DATABASE_UNAVAILABLE, QUEUE_UNAVAILABLE) */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    updateSweep: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description Explicit variants trained before the method proposes more. */
                    addVariants?: {
                        model: {
                            /** @description Absent: no augmentation (28x28 inputs). */
                            augmentation?: {
                                /**
                                 * @description Augmented samples an epoch draws per original training image (seed: 4, "4 times").
                                 * @default 4
                                 */
                                expansion?: number;
                                /**
                                 * @description Largest rotation in degrees, either way (seed: 20).
                                 * @default 20
                                 */
                                maxRotation?: number;
                            };
                            /** @enum {string} */
                            kind: "logistic";
                        } | {
                            /** @description Absent: no augmentation (28x28 inputs). */
                            augmentation?: {
                                /**
                                 * @description Augmented samples an epoch draws per original training image (seed: 4, "4 times").
                                 * @default 4
                                 */
                                expansion?: number;
                                /**
                                 * @description Largest rotation in degrees, either way (seed: 20).
                                 * @default 20
                                 */
                                maxRotation?: number;
                            };
                            /** @description P(y=i|x) = softmax(−β·z)_i with z = Wx + b (seed 1.2). Absent = −1: the ordinary softmax(z). */
                            beta?: number;
                            /** @enum {string} */
                            kind: "softmax";
                        } | {
                            /**
                             * @description Of every conv and hidden dense layer.
                             * @default relu
                             * @enum {string}
                             */
                            activation?: "relu" | "tanh" | "sigmoid";
                            /** @description Absent: no augmentation (28x28 inputs). */
                            augmentation?: {
                                /**
                                 * @description Augmented samples an epoch draws per original training image (seed: 4, "4 times").
                                 * @default 4
                                 */
                                expansion?: number;
                                /**
                                 * @description Largest rotation in degrees, either way (seed: 20).
                                 * @default 20
                                 */
                                maxRotation?: number;
                            };
                            /** @description Columns, each its own conv stack on its own input transformation (identity, transpose, flip-left-right, flip-up-down, rotate-180); default 1. */
                            columns?: number;
                            /**
                             * @description Width of the hidden dense layer, or widths of several ([] = none) before the 10-way softmax.
                             * @default 128
                             */
                            denseUnits?: number | number[];
                            /** @description Default: none. */
                            dropout?: {
                                /**
                                 * @description Rate after conv blocks (placement conv-and-fc only).
                                 * @default 0.25
                                 */
                                convRate?: number;
                                /**
                                 * @default none
                                 * @enum {string}
                                 */
                                placement?: "none" | "one-fc" | "all-fc" | "conv-and-fc";
                                /**
                                 * @description Rate on fully connected inputs.
                                 * @default 0.5
                                 */
                                rate?: number;
                            };
                            /**
                             * @description Feature maps of each conv layer, in order (seed "64, 64, 128" = featureMaps [64, 64] + denseUnits 128).
                             * @default [
                             *       32,
                             *       64
                             *     ]
                             */
                            featureMaps?: number[];
                            /**
                             * @description Square filter side: one for every conv layer, or one per layer (seed "5, 5").
                             * @default 5
                             */
                            filterSize?: number | number[];
                            /** @enum {string} */
                            kind: "convnet";
                            /** @description Default: max 2x2 stride 2. */
                            pooling?: {
                                /**
                                 * @description Square window side (seed: 2; overlapping: 3).
                                 * @default 2
                                 */
                                size?: number;
                                /**
                                 * @description Step between windows (seed: 2); stride < size overlaps.
                                 * @default 2
                                 */
                                stride?: number;
                                /**
                                 * @description max, l2 (sqrt of the sum of squares) or average.
                                 * @default max
                                 * @enum {string}
                                 */
                                type?: "max" | "l2" | "average";
                            };
                        } | {
                            /** @description Absent: no augmentation. With it, 28x28 images are seen as 32x32. */
                            augmentation?: {
                                /**
                                 * @description Augmented samples an epoch draws per original training image (seed: 4, "4 times").
                                 * @default 4
                                 */
                                expansion?: number;
                                /**
                                 * @description Largest rotation in degrees, either way (seed: 20).
                                 * @default 20
                                 */
                                maxRotation?: number;
                            };
                            /** @description Columns, each the whole stack on its own input transformation (identity, transpose, flip-left-right, flip-up-down, rotate-180), concatenated before the output layer; default 1. */
                            columns?: number;
                            /** @enum {string} */
                            kind: "layers";
                            /** @description In order, from the input; the output dense softmax layer (one unit per class) is appended. */
                            layers: ({
                                /**
                                 * @description Applied to the output; absent: none (linear).
                                 * @enum {string}
                                 */
                                activation?: "relu" | "tanh" | "sigmoid" | "gelu" | "leakyRelu";
                                /** @description leakyRelu: slope for x < 0 (default 0.01). */
                                alpha?: number;
                                /** @description Output channels. */
                                filters: number;
                                /** @description Square kernel side. */
                                kernel: number;
                                /**
                                 * @description valid: no padding; same: output side = ceil(input / stride).
                                 * @default valid
                                 * @enum {string}
                                 */
                                padding?: "valid" | "same";
                                /** @default 1 */
                                stride?: number;
                                /** @enum {string} */
                                type: "conv2d";
                            } | {
                                /**
                                 * @description Square window side.
                                 * @default 2
                                 */
                                size?: number;
                                /** @description Step between windows; default: the size (no overlap). */
                                stride?: number;
                                /** @enum {string} */
                                type: "maxPool";
                            } | {
                                /**
                                 * @description Square window side.
                                 * @default 2
                                 */
                                size?: number;
                                /** @description Step between windows; default: the size (no overlap). */
                                stride?: number;
                                /** @enum {string} */
                                type: "avgPool";
                            } | {
                                /**
                                 * @description Square window side.
                                 * @default 2
                                 */
                                size?: number;
                                /** @description Step between windows; default: the size (no overlap). */
                                stride?: number;
                                /** @enum {string} */
                                type: "l2Pool";
                            } | {
                                /**
                                 * @description Applied to the output; absent: none (linear).
                                 * @enum {string}
                                 */
                                activation?: "relu" | "tanh" | "sigmoid" | "gelu" | "leakyRelu";
                                /** @description leakyRelu: slope for x < 0 (default 0.01). */
                                alpha?: number;
                                /** @enum {string} */
                                type: "dense";
                                units: number;
                            } | {
                                /** @description Probability of dropping a unit while training. */
                                rate: number;
                                /** @enum {string} */
                                type: "dropout";
                            } | {
                                /**
                                 * @description Added to the variance (Keras default 1e-3).
                                 * @default 0.001
                                 */
                                epsilon?: number;
                                /**
                                 * @description Running averages: avg ← momentum·avg + (1 − momentum)·batch statistic (Keras default 0.99).
                                 * @default 0.99
                                 */
                                momentum?: number;
                                /** @enum {string} */
                                type: "batchNorm";
                            } | {
                                /** @enum {string} */
                                activation: "relu" | "tanh" | "sigmoid" | "gelu" | "leakyRelu";
                                /** @description leakyRelu: slope for x < 0 (default 0.01). */
                                alpha?: number;
                                /** @enum {string} */
                                type: "activation";
                            } | {
                                /** @enum {string} */
                                type: "flatten";
                            })[];
                        } | {
                            /** @enum {string} */
                            kind: "program";
                            /**
                             * @description Hyperparameters: each reaches the program as one argument --name=value, and all of them in MODELSPACE_PARAMS_FILE.
                             * @default {}
                             */
                            params?: {
                                [key: string]: string | number | boolean;
                            };
                            /** @description A program registered on the workers (WORKER_PROGRAMS); GET /workers lists them. */
                            program: string;
                        };
                        /** @description Label shown in tables; defaults to "variant N". */
                        name?: string;
                        /** @description What this variant needs (its worker pool), over the sweep's. */
                        resources?: {
                            /**
                             * @description The worker pool that trains it: "gpu" trials wait for a worker serving gpu (WORKER_POOLS), "cpu" (the default) for one serving cpu.
                             * @enum {string}
                             */
                            pool: "cpu" | "gpu";
                        };
                        /** @description Overrides of the sweep-level training settings. */
                        training?: {
                            /** @description SGD mini-batch size (seed: 1). */
                            batchSize?: number;
                            /** @description The images a trial trains on: 'mnist' (the default), 'fashion-mnist' (Zalando's clothing images, same shape and split), or the name of a dataset uploaded to the sweep's project (POST /datasets, docs/datasets.md). */
                            dataset?: string;
                            /** @description Learning rate of every optimizer, at the start of the schedule (seed: 0.001). */
                            learningRate?: number;
                            /** @description Upper bound on epochs (seed: 30). */
                            maxEpochs?: number;
                            /** @description SGD momentum (seed: 0.9); not used by adam and adamw. */
                            momentum?: number;
                            /** @description The optimizer: sgd (default; momentum from training.momentum), adam or adamw. Every field is searchable (training.optimizer.type, training.optimizer.beta2, ...). */
                            optimizer?: {
                                /** @description Nesterov's momentum instead of the classical one. Default false. */
                                nesterov?: boolean;
                                /**
                                 * @default sgd
                                 * @enum {string}
                                 */
                                type?: "sgd";
                                /** @description L2 weight decay: weightDecay·w is added to the gradient of every weight and bias. Default 0. */
                                weightDecay?: number;
                            } | {
                                /** @description Decay rate of the first (mean of the gradient) moment estimate. Default 0.9. */
                                beta1?: number;
                                /** @description Decay rate of the second (mean of its square) moment estimate. Default 0.999. */
                                beta2?: number;
                                /** @description Added to the root of the second moment before dividing. Default 1e-8. */
                                epsilon?: number;
                                /** @enum {string} */
                                type: "adam";
                                /** @description L2 weight decay, added to the gradient (weightDecay·w) before the moments, as PyTorch's Adam weight_decay. Default 0. */
                                weightDecay?: number;
                            } | {
                                /** @description Decay rate of the first (mean of the gradient) moment estimate. Default 0.9. */
                                beta1?: number;
                                /** @description Decay rate of the second (mean of its square) moment estimate. Default 0.999. */
                                beta2?: number;
                                /** @description Added to the root of the second moment before dividing. Default 1e-8. */
                                epsilon?: number;
                                /** @enum {string} */
                                type: "adamw";
                                /** @description Decoupled weight decay (Loshchilov & Hutter): each step w ← w·(1 − learningRate·weightDecay) before the Adam update, as PyTorch AdamW. Default 0.01. */
                                weightDecay?: number;
                            };
                            /** @description Stop after this many epochs without a better validation error (seed: 10). */
                            patience?: number;
                            /** @description How the learning rate changes during a trial. Default: constant. */
                            schedule?: {
                                /** @enum {string} */
                                type: "constant";
                                /** @description Epochs (fractions allowed) over which the rate climbs linearly from near 0 to learningRate before the schedule starts. Default 0. */
                                warmupEpochs?: number;
                            } | {
                                /** @description Multiply the rate by `factor` after every this many epochs. */
                                everyEpochs: number;
                                /** @description The decay factor, e.g. 0.1. */
                                factor: number;
                                /** @enum {string} */
                                type: "step";
                                /** @description Epochs (fractions allowed) over which the rate climbs linearly from near 0 to learningRate before the schedule starts. Default 0. */
                                warmupEpochs?: number;
                            } | {
                                /** @description The rate at the last epoch, as a fraction of learningRate. Default 0. */
                                minFactor?: number;
                                /** @enum {string} */
                                type: "cosine";
                                /** @description Epochs (fractions allowed) over which the rate climbs linearly from near 0 to learningRate before the schedule starts. Default 0. */
                                warmupEpochs?: number;
                            };
                            /** @description Seeds weight initialisation and shuffling. */
                            seed?: number;
                            /** @description Measure test error on the first N of the 10,000 test images. */
                            testSubset?: number;
                            /** @description Train on the first N of the 50,000 training images. */
                            trainSubset?: number;
                            /** @description Validate on the first N of the 10,000 validation images. */
                            valSubset?: number;
                        };
                    }[];
                    /** @description The same `budget` object as in the sweep definition: the limits given change, null lifts one. */
                    budget?: {
                        /** @description Trials queued or running at once, across all workers (default: 2 for tpe, else no limit). null: no limit. */
                        maxConcurrentTrials?: number | null;
                        /** @description No new trial starts after this long from creation: queued trials are dropped then, running ones finish. null: no limit. */
                        maxDurationSeconds?: number | null;
                        /** @description The sweep fails when more trials than this have failed. null: no limit. */
                        maxFailedTrials?: number | null;
                        /** @description Trials the sweep may create in all (default: 20 for random and tpe, else until the method is exhausted). null: no limit. */
                        maxTrials?: number | null;
                    };
                    /** @description Trials queued or running at once, across all workers (default: 2 for tpe, else no limit). null: no limit. */
                    maxConcurrentTrials?: number | null;
                    /** @description No new trial starts after this long from creation: queued trials are dropped then, running ones finish. null: no limit. */
                    maxDurationSeconds?: number | null;
                    /** @description The sweep fails when more trials than this have failed. null: no limit. */
                    maxFailedTrials?: number | null;
                    /** @description Trials the sweep may create in all (default: 20 for random and tpe, else until the method is exhausted). null: no limit. */
                    maxTrials?: number | null;
                };
            };
        };
        responses: {
            /** @description The sweep after the change */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Sweep"];
                };
            };
            /** @description Bad input: each bad field with its reason (INVALID_SPEC, INVALID_REQUEST) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No API key, or one unknown or revoked (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A read key on a route that changes something (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such sweep or trial in the key's project, or nothing of it yet (NOT_FOUND) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not in a state that allows this (CONFLICT): the sweep was cancelled */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body larger than BODY_LIMIT_BYTES (TOO_LARGE) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A path segment too long to be an id (URI_TOO_LONG) */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A body media type the API does not read (UNSUPPORTED_MEDIA_TYPE) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Over the per-key request rate, with Retry-After (RATE_LIMITED) */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Postgres or Redis unavailable, with Retry-After (DATABASE_UNAVAILABLE, QUEUE_UNAVAILABLE) */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getBestTrial: {
        parameters: {
            query?: {
                /** @description Default: the sweep objective */
                metric?: "valError" | "testError" | "valLoss";
                /** @description Judge each trial at its best epoch (what early stopping keeps) or its last epoch */
                strategy?: "best-epoch" | "last-epoch";
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The best trial, or null with the reason */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Best"];
                };
            };
            /** @description Bad input: each bad field with its reason (INVALID_SPEC, INVALID_REQUEST) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No API key, or one unknown or revoked (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such sweep or trial in the key's project, or nothing of it yet (NOT_FOUND) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A path segment too long to be an id (URI_TOO_LONG) */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Over the per-key request rate, with Retry-After (RATE_LIMITED) */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Postgres or Redis unavailable, with Retry-After (DATABASE_UNAVAILABLE, QUEUE_UNAVAILABLE) */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    downloadBestModel: {
        parameters: {
            query?: {
                metric?: "valError" | "testError" | "valLoss";
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The best trial's model archive */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/x-tar": string;
                };
            };
            /** @description Bad input: each bad field with its reason (INVALID_SPEC, INVALID_REQUEST) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No API key, or one unknown or revoked (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such sweep or trial in the key's project, or nothing of it yet (NOT_FOUND) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A path segment too long to be an id (URI_TOO_LONG) */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Over the per-key request rate, with Retry-After (RATE_LIMITED) */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Postgres or Redis unavailable, with Retry-After (DATABASE_UNAVAILABLE, QUEUE_UNAVAILABLE) */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    predictWithBest: {
        parameters: {
            query?: {
                metric?: "valError" | "testError" | "valLoss";
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PredictRequestInput"];
            };
        };
        responses: {
            /** @description The predictions */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Predictions"];
                };
            };
            /** @description Bad input: each bad field with its reason (INVALID_SPEC, INVALID_REQUEST) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No API key, or one unknown or revoked (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such sweep or trial in the key's project, or nothing of it yet (NOT_FOUND) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not in a state that allows this (CONFLICT): the best trial's model is a file its program saved, which modelspace does not run, or its uploaded dataset is no longer recorded (an older model whose pixel scale is unknown) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body larger than BODY_LIMIT_BYTES (TOO_LARGE) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A path segment too long to be an id (URI_TOO_LONG) */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A body media type the API does not read (UNSUPPORTED_MEDIA_TYPE) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Over the per-key request rate, with Retry-After (RATE_LIMITED) */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Postgres or Redis unavailable, with Retry-After (DATABASE_UNAVAILABLE, QUEUE_UNAVAILABLE) */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    cancelSweep: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The cancelled sweep */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description ISO 8601 timestamp */
                        createdAt: string;
                        description: string | null;
                        finishedAt: string | null;
                        goal: string;
                        /** @description UUID */
                        id: string;
                        maxConcurrentTrials: number | null;
                        maxDurationSeconds: number | null;
                        maxFailedTrials: number | null;
                        maxTrials: number | null;
                        method: string;
                        name: string;
                        objective: string;
                        /** @description UUID */
                        projectId: string;
                        /** @description Queued jobs withdrawn */
                        removedJobs: number;
                        startedAt: string | null;
                        /** @enum {string} */
                        status: "queued" | "running" | "completed" | "failed" | "cancelled" | "paused" | "stopping" | "stopped";
                        statusReason: string | null;
                        trialCounts: components["schemas"]["TrialCounts"];
                        /** @description ISO 8601 timestamp */
                        updatedAt: string;
                    };
                };
            };
            /** @description Bad input: each bad field with its reason (INVALID_SPEC, INVALID_REQUEST) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No API key, or one unknown or revoked (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A read key on a route that changes something (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such sweep or trial in the key's project, or nothing of it yet (NOT_FOUND) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not in a state that allows this (CONFLICT): the sweep has already ended */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body larger than BODY_LIMIT_BYTES (TOO_LARGE) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A path segment too long to be an id (URI_TOO_LONG) */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A body media type the API does not read (UNSUPPORTED_MEDIA_TYPE) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Over the per-key request rate, with Retry-After (RATE_LIMITED) */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Postgres or Redis unavailable, with Retry-After (DATABASE_UNAVAILABLE, QUEUE_UNAVAILABLE) */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listSweepEpochs: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Every epoch of every trial, by trial */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            epochs: components["schemas"]["Epoch"][];
                            /** @description UUID */
                            trialId: string;
                        }[];
                    };
                };
            };
            /** @description Bad input: each bad field with its reason (INVALID_SPEC, INVALID_REQUEST) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No API key, or one unknown or revoked (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such sweep or trial in the key's project, or nothing of it yet (NOT_FOUND) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A path segment too long to be an id (URI_TOO_LONG) */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Over the per-key request rate, with Retry-After (RATE_LIMITED) */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Postgres or Redis unavailable, with Retry-After (DATABASE_UNAVAILABLE, QUEUE_UNAVAILABLE) */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    streamSweepEvents: {
        parameters: {
            query?: {
                /** @description Resume after this event id (same as the Last-Event-ID header, for clients that cannot set headers) */
                lastEventId?: string;
            };
            header?: {
                /** @description Resume after this event id (EventSource sends it when it reconnects) */
                "last-event-id"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The live events (history first, unless resuming) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": string;
                };
            };
            /** @description The watcher has seen the final event: an EventSource stops reconnecting */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Bad input: each bad field with its reason (INVALID_SPEC, INVALID_REQUEST) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No API key, or one unknown or revoked (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such sweep or trial in the key's project, or nothing of it yet (NOT_FOUND) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A path segment too long to be an id (URI_TOO_LONG) */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Over the per-key request rate, with Retry-After (RATE_LIMITED) */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Postgres or Redis unavailable, with Retry-After (DATABASE_UNAVAILABLE, QUEUE_UNAVAILABLE) */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getSweepImportance: {
        parameters: {
            query?: {
                /** @description Seed of the random forest (its bootstrap samples): the same seed, the same answer */
                seed?: number;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Each parameter's importance, or why there is none yet */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Importance"];
                };
            };
            /** @description Bad input: each bad field with its reason (INVALID_SPEC, INVALID_REQUEST) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No API key, or one unknown or revoked (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such sweep or trial in the key's project, or nothing of it yet (NOT_FOUND) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A path segment too long to be an id (URI_TOO_LONG) */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Over the per-key request rate, with Retry-After (RATE_LIMITED) */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Postgres or Redis unavailable, with Retry-After (DATABASE_UNAVAILABLE, QUEUE_UNAVAILABLE) */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getSweepPath: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The path through model space */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ModelSpacePath"];
                };
            };
            /** @description Bad input: each bad field with its reason (INVALID_SPEC, INVALID_REQUEST) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No API key, or one unknown or revoked (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such sweep or trial in the key's project, or nothing of it yet (NOT_FOUND) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A path segment too long to be an id (URI_TOO_LONG) */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Over the per-key request rate, with Retry-After (RATE_LIMITED) */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Postgres or Redis unavailable, with Retry-After (DATABASE_UNAVAILABLE, QUEUE_UNAVAILABLE) */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    pauseSweep: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The paused sweep */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Sweep"];
                };
            };
            /** @description Bad input: each bad field with its reason (INVALID_SPEC, INVALID_REQUEST) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No API key, or one unknown or revoked (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A read key on a route that changes something (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such sweep or trial in the key's project, or nothing of it yet (NOT_FOUND) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not in a state that allows this (CONFLICT): the sweep is not in a state this change applies to */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body larger than BODY_LIMIT_BYTES (TOO_LARGE) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A path segment too long to be an id (URI_TOO_LONG) */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A body media type the API does not read (UNSUPPORTED_MEDIA_TYPE) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Over the per-key request rate, with Retry-After (RATE_LIMITED) */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Postgres or Redis unavailable, with Retry-After (DATABASE_UNAVAILABLE, QUEUE_UNAVAILABLE) */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    resumeSweep: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The resumed sweep */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Sweep"];
                };
            };
            /** @description Bad input: each bad field with its reason (INVALID_SPEC, INVALID_REQUEST) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No API key, or one unknown or revoked (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A read key on a route that changes something (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such sweep or trial in the key's project, or nothing of it yet (NOT_FOUND) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not in a state that allows this (CONFLICT): the sweep is not in a state this change applies to */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body larger than BODY_LIMIT_BYTES (TOO_LARGE) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A path segment too long to be an id (URI_TOO_LONG) */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A body media type the API does not read (UNSUPPORTED_MEDIA_TYPE) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Over the per-key request rate, with Retry-After (RATE_LIMITED) */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Postgres or Redis unavailable, with Retry-After (DATABASE_UNAVAILABLE, QUEUE_UNAVAILABLE) */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getSweepSpec: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The sweep definition */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SweepDefinition"];
                };
            };
            /** @description Bad input: each bad field with its reason (INVALID_SPEC, INVALID_REQUEST) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No API key, or one unknown or revoked (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such sweep or trial in the key's project, or nothing of it yet (NOT_FOUND) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A path segment too long to be an id (URI_TOO_LONG) */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Over the per-key request rate, with Retry-After (RATE_LIMITED) */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Postgres or Redis unavailable, with Retry-After (DATABASE_UNAVAILABLE, QUEUE_UNAVAILABLE) */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    stopSweep: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The stopping or stopped sweep */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description ISO 8601 timestamp */
                        createdAt: string;
                        description: string | null;
                        finishedAt: string | null;
                        goal: string;
                        /** @description UUID */
                        id: string;
                        maxConcurrentTrials: number | null;
                        maxDurationSeconds: number | null;
                        maxFailedTrials: number | null;
                        maxTrials: number | null;
                        method: string;
                        name: string;
                        objective: string;
                        /** @description UUID */
                        projectId: string;
                        /** @description Queued jobs withdrawn */
                        removedJobs: number;
                        startedAt: string | null;
                        /** @enum {string} */
                        status: "queued" | "running" | "completed" | "failed" | "cancelled" | "paused" | "stopping" | "stopped";
                        statusReason: string | null;
                        trialCounts: components["schemas"]["TrialCounts"];
                        /** @description ISO 8601 timestamp */
                        updatedAt: string;
                    };
                };
            };
            /** @description Bad input: each bad field with its reason (INVALID_SPEC, INVALID_REQUEST) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No API key, or one unknown or revoked (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A read key on a route that changes something (FORBIDDEN) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such sweep or trial in the key's project, or nothing of it yet (NOT_FOUND) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not in a state that allows this (CONFLICT): the sweep is not in a state this change applies to */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body larger than BODY_LIMIT_BYTES (TOO_LARGE) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A path segment too long to be an id (URI_TOO_LONG) */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A body media type the API does not read (UNSUPPORTED_MEDIA_TYPE) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Over the per-key request rate, with Retry-After (RATE_LIMITED) */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Postgres or Redis unavailable, with Retry-After (DATABASE_UNAVAILABLE, QUEUE_UNAVAILABLE) */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getResultsTable: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The results table as columns and rows */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        columns: string[];
                        rows: string[][];
                        trialIds: string[];
                    };
                };
            };
            /** @description Bad input: each bad field with its reason (INVALID_SPEC, INVALID_REQUEST) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No API key, or one unknown or revoked (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such sweep or trial in the key's project, or nothing of it yet (NOT_FOUND) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A path segment too long to be an id (URI_TOO_LONG) */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Over the per-key request rate, with Retry-After (RATE_LIMITED) */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Postgres or Redis unavailable, with Retry-After (DATABASE_UNAVAILABLE, QUEUE_UNAVAILABLE) */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getResultsMarkdown: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The results table in Markdown */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/markdown": string;
                };
            };
            /** @description Bad input: each bad field with its reason (INVALID_SPEC, INVALID_REQUEST) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No API key, or one unknown or revoked (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such sweep or trial in the key's project, or nothing of it yet (NOT_FOUND) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A path segment too long to be an id (URI_TOO_LONG) */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Over the per-key request rate, with Retry-After (RATE_LIMITED) */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Postgres or Redis unavailable, with Retry-After (DATABASE_UNAVAILABLE, QUEUE_UNAVAILABLE) */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getSweepTimeline: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Every attempt of the sweep's trials */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Timeline"];
                };
            };
            /** @description Bad input: each bad field with its reason (INVALID_SPEC, INVALID_REQUEST) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No API key, or one unknown or revoked (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such sweep or trial in the key's project, or nothing of it yet (NOT_FOUND) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A path segment too long to be an id (URI_TOO_LONG) */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Over the per-key request rate, with Retry-After (RATE_LIMITED) */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Postgres or Redis unavailable, with Retry-After (DATABASE_UNAVAILABLE, QUEUE_UNAVAILABLE) */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listSweepTrials: {
        parameters: {
            query?: {
                /** @description At most this many trials */
                limit?: number;
                /** @description Skip this many items */
                offset?: number;
                /** @description Sort direction */
                order?: "asc" | "desc";
                /** @description Sort key; the metric names sort by the trial's best value */
                sort?: "index" | "name" | "status" | "valError" | "testError" | "valLoss" | "bestEpoch" | "epochsRun" | "durationMs" | "paramCount" | "startedAt" | "finishedAt";
                /** @description Only trials in these states (comma-separated) */
                status?: ("queued" | "running" | "completed" | "failed" | "cancelled" | "pruned")[];
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of trials */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            attempts: number;
                            backend: string | null;
                            bestEpoch: number | null;
                            bestValError: number | null;
                            bestValLoss: number | null;
                            /** @description ISO 8601 timestamp */
                            createdAt: string;
                            durationMs: number | null;
                            epochsRun: number | null;
                            error: string | null;
                            finishedAt: string | null;
                            /** @description UUID */
                            id: string;
                            index: number;
                            model: unknown;
                            name: string;
                            /** @description The search parameters that chose it (null for explicit variants) */
                            params: unknown;
                            parentId: string | null;
                            pool: string;
                            startedAt: string | null;
                            /** @enum {string} */
                            status: "queued" | "running" | "completed" | "failed" | "cancelled" | "pruned";
                            stopReason: string | null;
                            /** @description UUID */
                            sweepId: string;
                            testError: number | null;
                            testLoss: number | null;
                            training: unknown;
                            /** @description Why a queued trial waits (no worker of its pool), else null */
                            waitingReason: string | null;
                            workerId: string | null;
                        }[];
                        limit: number;
                        offset: number;
                        /** @enum {string} */
                        order: "asc" | "desc";
                        sort: string;
                        total: number;
                    };
                };
            };
            /** @description Bad input: each bad field with its reason (INVALID_SPEC, INVALID_REQUEST) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No API key, or one unknown or revoked (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such sweep or trial in the key's project, or nothing of it yet (NOT_FOUND) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A path segment too long to be an id (URI_TOO_LONG) */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Over the per-key request rate, with Retry-After (RATE_LIMITED) */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Postgres or Redis unavailable, with Retry-After (DATABASE_UNAVAILABLE, QUEUE_UNAVAILABLE) */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    exportTrialsCsv: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The results table as CSV (RFC 4180) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/csv": string;
                };
            };
            /** @description Bad input: each bad field with its reason (INVALID_SPEC, INVALID_REQUEST) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No API key, or one unknown or revoked (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such sweep or trial in the key's project, or nothing of it yet (NOT_FOUND) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A path segment too long to be an id (URI_TOO_LONG) */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Over the per-key request rate, with Retry-After (RATE_LIMITED) */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Postgres or Redis unavailable, with Retry-After (DATABASE_UNAVAILABLE, QUEUE_UNAVAILABLE) */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    exportTrialsJson: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Every trial with its learning curve */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        sweep: components["schemas"]["Sweep"];
                        trials: {
                            attempts: number;
                            backend: string | null;
                            bestEpoch: number | null;
                            bestValError: number | null;
                            bestValLoss: number | null;
                            /** @description ISO 8601 timestamp */
                            createdAt: string;
                            durationMs: number | null;
                            epochs: components["schemas"]["Epoch"][];
                            epochsRun: number | null;
                            error: string | null;
                            finishedAt: string | null;
                            /** @description UUID */
                            id: string;
                            index: number;
                            model: unknown;
                            name: string;
                            /** @description The search parameters that chose it (null for explicit variants) */
                            params: unknown;
                            parentId: string | null;
                            pool: string;
                            startedAt: string | null;
                            /** @enum {string} */
                            status: "queued" | "running" | "completed" | "failed" | "cancelled" | "pruned";
                            stopReason: string | null;
                            /** @description UUID */
                            sweepId: string;
                            testError: number | null;
                            testLoss: number | null;
                            training: unknown;
                            workerId: string | null;
                        }[];
                    };
                };
            };
            /** @description Bad input: each bad field with its reason (INVALID_SPEC, INVALID_REQUEST) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No API key, or one unknown or revoked (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such sweep or trial in the key's project, or nothing of it yet (NOT_FOUND) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A path segment too long to be an id (URI_TOO_LONG) */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Over the per-key request rate, with Retry-After (RATE_LIMITED) */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Postgres or Redis unavailable, with Retry-After (DATABASE_UNAVAILABLE, QUEUE_UNAVAILABLE) */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getTrial: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The trial */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        attempts: number;
                        backend: string | null;
                        bestEpoch: number | null;
                        bestValError: number | null;
                        bestValLoss: number | null;
                        /** @description ISO 8601 timestamp */
                        createdAt: string;
                        durationMs: number | null;
                        epochsRun: number | null;
                        error: string | null;
                        finishedAt: string | null;
                        /** @description UUID */
                        id: string;
                        index: number;
                        model: unknown;
                        name: string;
                        /** @description The search parameters that chose it (null for explicit variants) */
                        params: unknown;
                        parentId: string | null;
                        pool: string;
                        startedAt: string | null;
                        /** @enum {string} */
                        status: "queued" | "running" | "completed" | "failed" | "cancelled" | "pruned";
                        stopReason: string | null;
                        /** @description UUID */
                        sweepId: string;
                        testError: number | null;
                        testLoss: number | null;
                        training: unknown;
                        waitingReason: string | null;
                        workerId: string | null;
                    };
                };
            };
            /** @description Bad input: each bad field with its reason (INVALID_SPEC, INVALID_REQUEST) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No API key, or one unknown or revoked (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such sweep or trial in the key's project, or nothing of it yet (NOT_FOUND) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A path segment too long to be an id (URI_TOO_LONG) */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Over the per-key request rate, with Retry-After (RATE_LIMITED) */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Postgres or Redis unavailable, with Retry-After (DATABASE_UNAVAILABLE, QUEUE_UNAVAILABLE) */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listTrialEpochs: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The trial's epochs */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["Epoch"][];
                    };
                };
            };
            /** @description Bad input: each bad field with its reason (INVALID_SPEC, INVALID_REQUEST) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No API key, or one unknown or revoked (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such sweep or trial in the key's project, or nothing of it yet (NOT_FOUND) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A path segment too long to be an id (URI_TOO_LONG) */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Over the per-key request rate, with Retry-After (RATE_LIMITED) */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Postgres or Redis unavailable, with Retry-After (DATABASE_UNAVAILABLE, QUEUE_UNAVAILABLE) */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getTrialLogs: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The program's captured output (empty for a built-in trial) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TrialLog"];
                };
            };
            /** @description Bad input: each bad field with its reason (INVALID_SPEC, INVALID_REQUEST) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No API key, or one unknown or revoked (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such sweep or trial in the key's project, or nothing of it yet (NOT_FOUND) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A path segment too long to be an id (URI_TOO_LONG) */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Over the per-key request rate, with Retry-After (RATE_LIMITED) */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Postgres or Redis unavailable, with Retry-After (DATABASE_UNAVAILABLE, QUEUE_UNAVAILABLE) */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    streamTrialLogs: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description New output lines as they are saved, then an end event once the trial has ended */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": string;
                };
            };
            /** @description Bad input: each bad field with its reason (INVALID_SPEC, INVALID_REQUEST) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No API key, or one unknown or revoked (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such sweep or trial in the key's project, or nothing of it yet (NOT_FOUND) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A path segment too long to be an id (URI_TOO_LONG) */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Over the per-key request rate, with Retry-After (RATE_LIMITED) */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Postgres or Redis unavailable, with Retry-After (DATABASE_UNAVAILABLE, QUEUE_UNAVAILABLE) */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    downloadTrialModel: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The model archive */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/x-tar": string;
                };
            };
            /** @description Bad input: each bad field with its reason (INVALID_SPEC, INVALID_REQUEST) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No API key, or one unknown or revoked (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such sweep or trial in the key's project, or nothing of it yet (NOT_FOUND) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A path segment too long to be an id (URI_TOO_LONG) */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Over the per-key request rate, with Retry-After (RATE_LIMITED) */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Postgres or Redis unavailable, with Retry-After (DATABASE_UNAVAILABLE, QUEUE_UNAVAILABLE) */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getTrialModelJson: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description model.json */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": Record<string, never>;
                };
            };
            /** @description Bad input: each bad field with its reason (INVALID_SPEC, INVALID_REQUEST) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No API key, or one unknown or revoked (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such sweep or trial in the key's project, or nothing of it yet (NOT_FOUND) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A path segment too long to be an id (URI_TOO_LONG) */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Over the per-key request rate, with Retry-After (RATE_LIMITED) */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Postgres or Redis unavailable, with Retry-After (DATABASE_UNAVAILABLE, QUEUE_UNAVAILABLE) */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getTrialModelWeights: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description weights.bin */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/octet-stream": string;
                };
            };
            /** @description Bad input: each bad field with its reason (INVALID_SPEC, INVALID_REQUEST) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No API key, or one unknown or revoked (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such sweep or trial in the key's project, or nothing of it yet (NOT_FOUND) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A path segment too long to be an id (URI_TOO_LONG) */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Over the per-key request rate, with Retry-After (RATE_LIMITED) */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Postgres or Redis unavailable, with Retry-After (DATABASE_UNAVAILABLE, QUEUE_UNAVAILABLE) */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    predictWithTrial: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PredictRequestInput"];
            };
        };
        responses: {
            /** @description The predictions */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Predictions"];
                };
            };
            /** @description Bad input: each bad field with its reason (INVALID_SPEC, INVALID_REQUEST) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No API key, or one unknown or revoked (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such sweep or trial in the key's project, or nothing of it yet (NOT_FOUND) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not in a state that allows this (CONFLICT): the trial's model is a file its program saved, which modelspace does not run, or its uploaded dataset is no longer recorded (an older model whose pixel scale is unknown) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body larger than BODY_LIMIT_BYTES (TOO_LARGE) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A path segment too long to be an id (URI_TOO_LONG) */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A body media type the API does not read (UNSUPPORTED_MEDIA_TYPE) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Over the per-key request rate, with Retry-After (RATE_LIMITED) */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Postgres or Redis unavailable, with Retry-After (DATABASE_UNAVAILABLE, QUEUE_UNAVAILABLE) */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listWorkers: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Live workers and what they train */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** @description The network address the worker reaches Redis from: its host (hostnames repeat across containers) */
                            address?: string | null;
                            hostname: string;
                            id: string;
                            pid: number;
                            pools: string[];
                            /** @description The programs it runs for program trials (WORKER_PROGRAMS) */
                            programs?: {
                                name: string;
                                pool: string;
                            }[];
                            running: unknown[];
                            samplesPerSec: number | null;
                        }[];
                    };
                };
            };
            /** @description No API key, or one unknown or revoked (UNAUTHENTICATED) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Over the per-key request rate, with Retry-After (RATE_LIMITED) */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Postgres or Redis unavailable, with Retry-After (DATABASE_UNAVAILABLE, QUEUE_UNAVAILABLE) */
            503: {
                headers: {
                    /** @description Seconds to wait before trying again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
}
