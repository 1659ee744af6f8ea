/**
 * tfjs-core's Node build ships without its gradient functions (and chained tensor methods):
 * the union package @tensorflow/tfjs registers them, into tfjs-core's process-global
 * registries, when it loads. Without this import every training step fails with
 * "gradient function not found". Every module that trains imports this file.
 */
import '@tensorflow/tfjs';
