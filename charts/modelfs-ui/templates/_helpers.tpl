{{/*
The chart's name (63 characters at most: a DNS label).
*/}}
{{- define "modelfs-ui.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
The name of every object: the release name, plus the chart's name unless the release name has it.
*/}}
{{- define "modelfs-ui.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/*
chart-version, for the helm.sh/chart label.
*/}}
{{- define "modelfs-ui.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
The labels every object carries.
*/}}
{{- define "modelfs-ui.labels" -}}
helm.sh/chart: {{ include "modelfs-ui.chart" . }}
{{ include "modelfs-ui.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/component: console
app.kubernetes.io/part-of: modelfs
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{/*
The labels the Deployment selects its pods by, and the Service its endpoints by.
*/}}
{{- define "modelfs-ui.selectorLabels" -}}
app.kubernetes.io/name: {{ include "modelfs-ui.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/*
The ServiceAccount the console runs as.
*/}}
{{- define "modelfs-ui.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "modelfs-ui.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/*
The image tag: image.tag, or the chart's appVersion.
*/}}
{{- define "modelfs-ui.imageTag" -}}
{{- .Values.image.tag | default .Chart.AppVersion }}
{{- end }}


{{/*
The identity mode (auth.mode): none, proxy or oidc.
*/}}
{{- define "modelfs-ui.auth" -}}
{{- (.Values.auth | default dict).mode | default "none" }}
{{- end }}

{{/*
"true" when oauth2-proxy runs beside the console in the pod (auth.mode proxy, sidecar enabled).
*/}}
{{- define "modelfs-ui.sidecar" -}}
{{- if and (eq (include "modelfs-ui.auth" .) "proxy") .Values.auth.proxy.sidecar.enabled }}true{{ end }}
{{- end }}

{{/*
What the console's calls need (REQUIRED_ACCESS in modelfs_lib/client/rbac.py, without the controller's
Deployments): granted to the ServiceAccount with auth.mode none, to each person otherwise.
*/}}
{{- define "modelfs-ui.rules" -}}
{{- /* Derived from the requests the console sends (files/access.yaml, written with REQUIRED_ACCESS
and the README's table by `python -m tests.access.derive --write`). In read-only mode only the reads
and "may I?" reviews. */ -}}
{{- $access := .Files.Get "files/access.yaml" | fromYaml }}
{{- range $access.clusterRole }}
{{- $verbs := ternary .readonlyVerbs .verbs $.Values.readonly }}
{{- if $verbs }}
- apiGroups: {{ toJson .apiGroups }}
  resources: {{ toJson .resources }}
  verbs: {{ toJson $verbs }}
{{- end }}
{{- end }}
{{- end }}
